import type { Millis, TeamRecord } from "../store/index.js";
import type { GitHubTeamPayload } from "./payload-schemas.js";

/** A team payload as the store keeps it; the organisation's login in lower case. */
export function teamRecord(
  installationId: number,
  organization: string,
  team: GitHubTeamPayload,
  at: Millis,
): TeamRecord {
  return {
    installationId,
    teamId: team.id,
    organization: organization.toLowerCase(),
    slug: team.slug,
    name: team.name,
    // A payload without `parent` says nothing of it; `null` says the team is not nested.
    parentTeamId: team.parent === undefined ? undefined : (team.parent?.id ?? null),
    updatedAt: at,
  };
}
