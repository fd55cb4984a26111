import type { TeamMembers } from "./team-members.js";

/** Someone of the team at that instant: listed, or in it then for a team from GitHub. */
export function isMemberAt(members: TeamMembers, login: string, at: number): boolean {
  if (!members.logins.has(login)) return false;
  const spans = members.spans?.get(login);
  if (!spans) return true;
  return spans.some(
    (span) => (span.from === null || span.from <= at) && (span.until === null || at < span.until),
  );
}
