import type Database from "better-sqlite3";
import { TABLES } from "../schema/index.js";
import type { TeamReads } from "../store.js";

export function sqliteTeamReads(db: Database.Database): TeamReads {
  const select = <T extends "teams" | "team_members" | "team_repositories" | "repository_owners">(
    table: T,
    where: string,
    params: unknown[],
  ) => {
    const { columns, fromColumns } = TABLES[table];
    return (
      db
        .prepare(`SELECT ${columns.join(", ")} FROM ${table} WHERE ${where}`)
        .raw()
        .all(...params) as unknown[][]
    ).map((row) => fromColumns(row));
  };
  const ofTeams = "installation_id = ? AND team_id IN (SELECT value FROM json_each(?))";
  return {
    async listTeams(installationId) {
      return select("teams", "installation_id = ? ORDER BY organization, slug", [installationId]);
    },
    async listTeamMembers(installationId, teamIds) {
      return select("team_members", `${ofTeams} ORDER BY team_id, login`, [
        installationId,
        JSON.stringify(teamIds),
      ]);
    },
    async listTeamRepositories(installationId, teamIds) {
      return select("team_repositories", `${ofTeams} ORDER BY team_id, full_name`, [
        installationId,
        JSON.stringify(teamIds),
      ]);
    },
    async listRepositoryOwners(installationId) {
      return select("repository_owners", "installation_id = ? ORDER BY repository_id", [
        installationId,
      ]);
    },
  };
}
