import type { ConfigResult, ExpectationsConfig } from "../config/index.js";
import type { GitHubTeam } from "../flows/index.js";
import type { ReportScope } from "../reports/index.js";
import type { JobScope, MembershipSpan, RepositoryRecord } from "../store/index.js";
import { teamReportTarget } from "./team-report-target.js";

export const REVIEW_ACTIVITY_JOB = "review-activity";

/** The persisted next time of a repository's report (or of its config check, for team repos). */
export function reviewActivityRepositoryKey(installationId: number, repositoryId: number): string {
  return `${REVIEW_ACTIVITY_JOB}:${installationId}:repository:${repositoryId}`;
}

export function reviewActivityTeamKey(installationId: number, team: string): string {
  return `${REVIEW_ACTIVITY_JOB}:${installationId}:team:${team}`;
}

/** What one review-activity report covers, who is on it, where it is posted, by whose settings. */
export interface ReportTarget {
  key: string;
  /** Whose the persisted job is: removed with that installation or repository. */
  jobScope: JobScope;
  scope: ReportScope;
  repositories: RepositoryRecord[];
  members: readonly string[] | undefined;
  /** A team from GitHub: when each member was in it. */
  memberSpans?: ReadonlyMap<string, readonly MembershipSpan[]> | undefined;
  postTo: string;
  /** Whose settings it follows: the repository's for its own report, the organisation's for a team's. */
  config: ExpectationsConfig;
}

/**
 * One report per team of the organisation's file that lists this repository, posted where that
 * file says; else the repository's own report, by its own settings, posted into itself or where
 * the organisation's file sends repository reports. A repository's file never names a team or
 * another repository (loadConfig refuses that), so it cannot reach beyond itself. A team's
 * repositories are those of `installed` it lists (or, for a `github_team` without `repos`, those
 * GitHub lets the team reach; with `owners_from: codeowners`, also those whose CODEOWNERS gives
 * it `*`): given only some, it covers only those. A `github_team` deleted on GitHub, or not read
 * yet (`githubTeams`, from the store), has no report.
 */
export function reportTargets(
  installationId: number,
  repository: RepositoryRecord,
  installed: readonly RepositoryRecord[],
  own: ConfigResult,
  organization: ConfigResult,
  githubTeams: ReadonlyMap<string, GitHubTeam> = new Map(),
): ReportTarget[] {
  const org = organization.ok && organization.config.reports.enabled ? organization.config : null;
  const teams = Object.entries(org?.reports.teams ?? {}).flatMap(([name, team]) => {
    const target = org && teamReportTarget(installationId, name, team, org, installed, githubTeams);
    return target?.repositories.some((r) => r.repositoryId === repository.repositoryId)
      ? [target]
      : [];
  });
  if (teams.length > 0) return teams;
  // Under the organisation's file with teams (no file of its own), a repository in no team has
  // no report of its own: one report per team then.
  if (!own.ok || !own.config.reports.enabled || Object.keys(own.config.reports.teams).length > 0)
    return [];
  const config = own.config;
  return [
    {
      key: reviewActivityRepositoryKey(installationId, repository.repositoryId),
      jobScope: { installationId, repositoryId: repository.repositoryId },
      scope: { kind: "repository", name: repository.fullName },
      repositories: [repository],
      members: config.team,
      postTo:
        config.reports.repository ??
        (organization.ok ? organization.config.reports.repository : undefined) ??
        repository.fullName,
      config,
    },
  ];
}
