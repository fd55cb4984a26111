import type { StoreChange } from "../store/index.js";
import { type IngestContext, requireRepository } from "./context.js";
import { parse } from "./parse.js";
import { githubTeamSchema, organizationSchema } from "./payload-schemas.js";
import { teamRecord } from "./team-record.js";

/** `team_add`: a team was given a repository (the older event beside `team.added_to_repository`). */
export function teamAddChanges(
  _action: string,
  payload: Record<string, unknown>,
  context: IngestContext,
): StoreChange[] {
  const { installationId, receivedAt } = context;
  const organization = parse(organizationSchema, payload.organization, "organization");
  const team = parse(githubTeamSchema, payload.team, "team");
  const repository = requireRepository(context);
  return [
    { kind: "team", record: teamRecord(installationId, organization.login, team, receivedAt) },
    {
      kind: "team_repository",
      installationId,
      teamId: team.id,
      repositoryId: repository.id,
      fullName: repository.full_name,
      granted: true,
    },
  ];
}
