import type pg from "pg";
import { TABLES } from "../schema/index.js";
import type { TeamReads } from "../store.js";
import { queryRows } from "./postgres-rows.js";

/** The teams the app learnt from GitHub, as the SQLite store reads them. */
export function postgresTeamReads(pool: pg.Pool): TeamReads {
  const select = async <
    T extends "teams" | "team_members" | "team_repositories" | "repository_owners",
  >(
    table: T,
    where: string,
    values: unknown[],
  ) => {
    const { columns, fromColumns } = TABLES[table];
    const rows = await queryRows(
      pool,
      `SELECT ${columns.join(", ")} FROM ${table} WHERE ${where}`,
      values,
    );
    return rows.map((row) => fromColumns(row));
  };
  const ofTeams = "installation_id = $1 AND team_id = ANY($2::bigint[])";
  return {
    listTeams: (installationId) =>
      select("teams", `installation_id = $1 ORDER BY organization COLLATE "C", slug COLLATE "C"`, [
        installationId,
      ]),
    listTeamMembers: (installationId, teamIds) =>
      select("team_members", `${ofTeams} ORDER BY team_id, login COLLATE "C"`, [
        installationId,
        teamIds,
      ]),
    listTeamRepositories: (installationId, teamIds) =>
      select("team_repositories", `${ofTeams} ORDER BY team_id, full_name COLLATE "C"`, [
        installationId,
        teamIds,
      ]),
    listRepositoryOwners: (installationId) =>
      select("repository_owners", "installation_id = $1 ORDER BY repository_id", [installationId]),
  };
}
