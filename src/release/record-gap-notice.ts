import { localDateTime } from "../time/index.js";

/** A span in which an installation's record may be incomplete (an open gap). */
export interface OpenGap {
  startsAt: number;
  endsAt: number;
}

/**
 * The one line every output whose period overlaps an open gap of its installation carries (a
 * report, a release check, a milestone issue), or null when none does: closed gaps are not
 * passed in and leave no trace. Times are the team's, to the minute.
 */
export function recordGapNotice(
  gaps: readonly OpenGap[],
  period: { since: number; until: number },
  timezone: string,
): string | null {
  const overlapping = gaps.filter(
    (gap) => gap.startsAt < period.until && gap.endsAt > period.since,
  );
  if (overlapping.length === 0) return null;
  const from = Math.min(...overlapping.map((gap) => gap.startsAt));
  const to = Math.max(...overlapping.map((gap) => gap.endsAt));
  return `Activity between ${localDateTime(from, timezone)} and ${localDateTime(to, timezone)} (${timezone}) is still being recovered; figures may be incomplete.`;
}
