import type { ExpectationsConfig } from "./schema.js";

/** The `github_team` names of the configuration's teams, lower case, each once. */
export function githubTeamNames(config: Pick<ExpectationsConfig, "reports">): string[] {
  return [
    ...new Set(
      Object.values(config.reports.teams).flatMap((team) =>
        team.github_team ? [team.github_team] : [],
      ),
    ),
  ];
}
