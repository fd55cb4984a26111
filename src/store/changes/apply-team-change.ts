import { markTeamDeleted, mergeTeam, mergeTeamMembership } from "../merge-rules/index.js";
import type { StoreChange } from "../records.js";
import { deleteRow, listRows, mergeRow, putRow, type RowProgram } from "./row-operations.js";
import { syncRows } from "./sync-rows.js";

export type TeamChange = Extract<
  StoreChange,
  {
    kind:
      | "team"
      | "team_deleted"
      | "team_membership"
      | "organization_member_left"
      | "team_repository"
      | "team_repositories_listed"
      | "repository_owners";
  }
>;

/** A change to a team, its members, its repositories, or a repository's owners. */
export function* applyTeamChange(change: TeamChange): RowProgram<void> {
  switch (change.kind) {
    case "team": {
      const { installationId, teamId } = change.record;
      yield* mergeRow("teams", { installationId, teamId }, (stored) =>
        mergeTeam(stored, change.record, change.membersKnownAt),
      );
      return;
    }
    case "team_deleted": {
      const { installationId, teamId } = change;
      yield* mergeRow("teams", { installationId, teamId }, (stored) =>
        markTeamDeleted(stored, change.at),
      );
      return;
    }
    case "team_membership": {
      const { installationId, teamId } = change;
      const group = { installationId, teamId };
      const members = yield* listRows("team_members", group);
      yield* syncRows(
        "team_members",
        members,
        mergeTeamMembership(members, installationId, teamId, change.change),
      );
      return;
    }
    case "organization_member_left": {
      const { installationId, login, at } = change;
      const organization = change.organization.toLowerCase();
      for (const team of yield* listRows("teams", { installationId, organization })) {
        const group = { installationId, teamId: team.teamId };
        const members = yield* listRows("team_members", group);
        const next = mergeTeamMembership(members, installationId, team.teamId, {
          kind: "left",
          login,
          at,
        });
        yield* syncRows("team_members", members, next);
      }
      return;
    }
    case "team_repository": {
      const { installationId, teamId, repositoryId, fullName } = change;
      if (change.granted)
        yield* putRow("team_repositories", { installationId, teamId, repositoryId, fullName });
      else yield* deleteRow("team_repositories", { installationId, teamId, repositoryId });
      return;
    }
    case "team_repositories_listed": {
      const { installationId, teamId } = change;
      const stored = yield* listRows("team_repositories", { installationId, teamId });
      const byId = new Map(stored.map((row) => [row.repositoryId, row]));
      const next = change.repositories.map((repository) => {
        const known = byId.get(repository.repositoryId);
        return known?.fullName === repository.fullName
          ? known
          : { installationId, teamId, ...repository };
      });
      yield* syncRows("team_repositories", stored, next);
      return;
    }
    case "repository_owners": {
      const { installationId, repositoryId, at } = change;
      const teams = [...new Set(change.teams.map((team) => team.toLowerCase()))].sort();
      yield* mergeRow("repository_owners", { installationId, repositoryId }, (stored) =>
        stored && stored.readAt > at
          ? undefined
          : { installationId, repositoryId, teams, readAt: at },
      );
      return;
    }
  }
}
