import type { StoreChange } from "../store/index.js";
import { type IngestContext, requireRepository } from "./context.js";
import { parse } from "./parse.js";
import { githubTeamSchema, organizationSchema } from "./payload-schemas.js";
import { teamRecord } from "./team-record.js";

/**
 * `team` events: a team created (every membership change reaches the app from then on),
 * renamed or moved (`edited`), deleted (its report stops), or given or refused a repository.
 */
export function teamChanges(
  action: string,
  payload: Record<string, unknown>,
  context: IngestContext,
): StoreChange[] | null {
  const { installationId, receivedAt } = context;
  if (
    !["created", "deleted", "edited", "added_to_repository", "removed_from_repository"].includes(
      action,
    )
  )
    return null;
  const organization = parse(organizationSchema, payload.organization, "organization");
  if (action === "deleted") {
    const { id } = parse(githubTeamSchema.pick({ id: true }), payload.team, "team");
    return [{ kind: "team_deleted", installationId, teamId: id, at: receivedAt }];
  }
  const team = parse(githubTeamSchema, payload.team, "team");
  const record = teamRecord(installationId, organization.login, team, receivedAt);
  if (action === "created") return [{ kind: "team", record, membersKnownAt: receivedAt }];
  if (action === "edited") return [{ kind: "team", record }];
  const repository = requireRepository(context);
  return [
    { kind: "team", record },
    {
      kind: "team_repository",
      installationId,
      teamId: team.id,
      repositoryId: repository.id,
      fullName: repository.full_name,
      granted: action === "added_to_repository",
    },
  ];
}
