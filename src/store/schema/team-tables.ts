import type { RepositoryOwnersRow, TeamMemberRow, TeamRepositoryRow, TeamRow } from "../rows.js";
import { columnsOf, declareTable, stringList } from "./table.js";

const team = columnsOf<TeamRow>();
export const teams = declareTable("teams", {
  installation_id: team.integer(),
  team_id: team.integer(),
  organization: team.text(),
  slug: team.text(),
  name: team.text(),
  parent_team_id: team.nullableInteger(),
  updated_at: team.integer(),
  deleted_at: team.nullableInteger(),
  members_known_at: team.nullableInteger(),
});

const member = columnsOf<TeamMemberRow>();
export const teamMembers = declareTable(
  "team_members",
  {
    installation_id: member.integer(),
    team_id: member.integer(),
    login: member.text(),
    spans: member.json((row) => row.spans),
  },
  (r, at) => ({
    installationId: r[at.installation_id] as number,
    teamId: r[at.team_id] as number,
    login: r[at.login] as string,
    spans: JSON.parse(r[at.spans] as string) as TeamMemberRow["spans"],
  }),
);

const teamRepository = columnsOf<TeamRepositoryRow>();
export const teamRepositories = declareTable("team_repositories", {
  installation_id: teamRepository.integer(),
  team_id: teamRepository.integer(),
  repository_id: teamRepository.integer(),
  full_name: teamRepository.text(),
});

const owners = columnsOf<RepositoryOwnersRow>();
export const repositoryOwners = declareTable(
  "repository_owners",
  {
    installation_id: owners.integer(),
    repository_id: owners.integer(),
    teams: owners.json((row) => row.teams),
    read_at: owners.integer(),
  },
  (r, at) => ({
    installationId: r[at.installation_id] as number,
    repositoryId: r[at.repository_id] as number,
    teams: stringList(r[at.teams]),
    readAt: r[at.read_at] as number,
  }),
);
