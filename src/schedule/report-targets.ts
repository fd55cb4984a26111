import type { ExpectationsConfig } from "../config/index.js";
import type { ReportScope } from "../reports/index.js";
import type { RepositoryRecord } from "../store/index.js";

export const REVIEW_ACTIVITY_JOB = "review-activity";

/** The persisted next time of a repository's report (or of its config check, for team repos). */
export function reviewActivityRepositoryKey(installationId: number, repositoryId: number): string {
  return `${REVIEW_ACTIVITY_JOB}:${installationId}:repository:${repositoryId}`;
}

function reviewActivityTeamKey(installationId: number, team: string): string {
  return `${REVIEW_ACTIVITY_JOB}:${installationId}:team:${team}`;
}

/** What one review-activity report covers, who is on it and where it is posted. */
export interface ReportTarget {
  key: string;
  scope: ReportScope;
  repositories: RepositoryRecord[];
  members: readonly string[] | undefined;
  postTo: string;
}

/**
 * One report per team listing this repository, or else one for the repository itself. A team's
 * repositories are those of `installed` it lists, so a team shows only repositories given here.
 */
export function reportTargets(
  installationId: number,
  repository: RepositoryRecord,
  installed: readonly RepositoryRecord[],
  config: ExpectationsConfig,
): ReportTarget[] {
  const teams = Object.entries(config.reports.teams);
  if (teams.length === 0) {
    return [
      {
        key: reviewActivityRepositoryKey(installationId, repository.repositoryId),
        scope: { kind: "repository", name: repository.fullName },
        repositories: [repository],
        members: config.team,
        postTo: config.reports.repository ?? repository.fullName,
      },
    ];
  }
  const byName = new Map(installed.map((r) => [r.fullName.toLowerCase(), r]));
  return teams
    .filter(([, team]) =>
      team.repos.some((name) => name.toLowerCase() === repository.fullName.toLowerCase()),
    )
    .map(([name, team]) => ({
      key: reviewActivityTeamKey(installationId, name),
      scope: { kind: "team" as const, name },
      repositories: team.repos.flatMap((r) => byName.get(r.toLowerCase()) ?? []),
      members: team.members.length > 0 ? team.members : config.team,
      postTo: config.reports.repository ?? (team.repos[0] as string),
    }));
}
