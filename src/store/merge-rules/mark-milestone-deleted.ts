import type { Millis } from "../records.js";
import type { StoredMilestone } from "../stored-rows.js";

/**
 * A milestone deletion: the earliest deletion time seen is kept, whatever order deliveries
 * come in. Nothing is stored for a milestone never seen. Undefined when nothing changes.
 */
export function markMilestoneDeleted(
  stored: StoredMilestone | undefined,
  at: Millis,
): StoredMilestone | undefined {
  if (!stored || (stored.deletedAt !== null && stored.deletedAt <= at)) return undefined;
  return { ...stored, deletedAt: at };
}
