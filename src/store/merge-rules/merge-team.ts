import type { Millis, TeamRecord } from "../records.js";
import type { TeamRow } from "../rows.js";

/**
 * A team as seen against the stored row: the newest sighting's name, slug and parent (when it
 * says one) win; a
 * deletion seen before stays; the earliest time from which its members are known stays.
 * Undefined when nothing changes.
 */
export function mergeTeam(
  stored: TeamRow | undefined,
  incoming: TeamRecord,
  membersKnownAt: Millis | undefined,
): TeamRow | undefined {
  const known =
    membersKnownAt === undefined
      ? (stored?.membersKnownAt ?? null)
      : Math.min(membersKnownAt, stored?.membersKnownAt ?? membersKnownAt);
  const newer = !stored || incoming.updatedAt >= stored.updatedAt;
  const parentTeamId =
    newer && incoming.parentTeamId !== undefined
      ? incoming.parentTeamId
      : (stored?.parentTeamId ?? incoming.parentTeamId ?? null);
  const next: TeamRow = {
    ...(newer ? incoming : stored),
    parentTeamId,
    deletedAt: stored?.deletedAt ?? null,
    membersKnownAt: known,
  };
  if (stored && JSON.stringify(next) === JSON.stringify(stored)) return undefined;
  return next;
}
