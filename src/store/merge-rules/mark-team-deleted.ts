import type { Millis } from "../records.js";
import type { TeamRow } from "../rows.js";

/** A team deleted on GitHub: the earliest deletion seen is kept; a team never seen stores nothing. */
export function markTeamDeleted(stored: TeamRow | undefined, at: Millis): TeamRow | undefined {
  if (!stored || (stored.deletedAt !== null && stored.deletedAt <= at)) return undefined;
  return { ...stored, deletedAt: at };
}
