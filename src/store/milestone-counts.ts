/** Open and closed items of each milestone, as countMilestoneItems returns them. */
export type MilestoneCounts = Map<number, { open: number; closed: number }>;

/**
 * Adds one table's `[milestone id, closed, total]` rows (pull requests, then issues) to the
 * counts: what both backends' countMilestoneItems add up.
 */
export function addMilestoneCounts(
  counts: MilestoneCounts,
  rows: readonly (readonly unknown[])[],
): void {
  for (const [id, closed, total] of rows as [number, number, number][]) {
    const entry = counts.get(id) ?? { open: 0, closed: 0 };
    entry.closed += closed;
    entry.open += total - closed;
    counts.set(id, entry);
  }
}
