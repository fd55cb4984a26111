import type { Migration } from "../../schema/index.js";

export const teamsFromGithub: Migration = {
  version: 9,
  name: "teams from GitHub",
  // Teams named by `github_team`, who was in them when (a JSON list of spans per person), the
  // repositories they may reach, and the teams each repository's CODEOWNERS names for `*`.
  sql: `
CREATE TABLE teams (
  installation_id INTEGER NOT NULL,
  team_id INTEGER NOT NULL,
  organization TEXT NOT NULL,
  slug TEXT NOT NULL,
  name TEXT NOT NULL,
  parent_team_id INTEGER,
  updated_at INTEGER NOT NULL,
  deleted_at INTEGER,
  members_known_at INTEGER,
  PRIMARY KEY (installation_id, team_id)
);
CREATE INDEX teams_by_organization ON teams (installation_id, organization, slug);

CREATE TABLE team_members (
  installation_id INTEGER NOT NULL,
  team_id INTEGER NOT NULL,
  login TEXT NOT NULL,
  spans TEXT NOT NULL,
  PRIMARY KEY (installation_id, team_id, login)
);

CREATE TABLE team_repositories (
  installation_id INTEGER NOT NULL,
  team_id INTEGER NOT NULL,
  repository_id INTEGER NOT NULL,
  full_name TEXT NOT NULL,
  PRIMARY KEY (installation_id, team_id, repository_id)
);

CREATE TABLE repository_owners (
  installation_id INTEGER NOT NULL,
  repository_id INTEGER NOT NULL,
  teams TEXT NOT NULL,
  read_at INTEGER NOT NULL,
  PRIMARY KEY (installation_id, repository_id)
);
`,
};
