import type { MilestoneRecord } from "../records.js";
import type { StoredMilestone } from "../stored-rows.js";
import { newestWins } from "./newest-wins.js";
import { versionHash } from "./version-hash.js";

/**
 * A milestone snapshot against the stored row: the newest wins (ties by content), and a
 * deletion seen before stays. Returns the row to store, or undefined when the stored one stays.
 */
export function mergeMilestone(
  stored: StoredMilestone | undefined,
  incoming: MilestoneRecord,
): StoredMilestone | undefined {
  const version = { updatedAt: incoming.updatedAt, versionHash: versionHash(incoming) };
  if (!newestWins(version, stored)) return undefined;
  return { ...incoming, deletedAt: stored?.deletedAt ?? null, ...version };
}
