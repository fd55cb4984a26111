import { asOf, type MeasureContext } from "../metrics/index.js";
import type { MilestoneRow } from "../store/index.js";
import { releaseDateFromDueOn } from "../time/index.js";

/**
 * The milestones a report speaks of: those with a due date that are open at the evaluation
 * instant, or whose release date ended in the period.
 */
export function reportedMilestones(
  milestones: readonly MilestoneRow[],
  context: MeasureContext,
): MilestoneRow[] {
  const at = asOf(context);
  return milestones.filter((milestone) => {
    if (milestone.deletedAt !== null || milestone.dueOn === null) return false;
    const open = milestone.state === "open" || (milestone.closedAt ?? 0) > at;
    if (open) return true;
    const end = context.calendar
      .endOfDay(releaseDateFromDueOn(new Date(milestone.dueOn)))
      .getTime();
    return end > context.period.since && end <= at;
  });
}
