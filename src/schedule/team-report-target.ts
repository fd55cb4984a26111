import type { ExpectationsConfig } from "../config/index.js";
import type { GitHubTeam } from "../flows/index.js";
import type { RepositoryRecord } from "../store/index.js";
import { type ReportTarget, reviewActivityTeamKey } from "./report-targets.js";

type Team = ExpectationsConfig["reports"]["teams"][string];

/**
 * The report of one team of the organisation's file: its installed repositories (those it
 * lists; for a `github_team` without `repos`, those GitHub lets the team reach; with
 * `owners_from: codeowners`, also those whose CODEOWNERS gives it `*`), its members, where it is
 * posted. Null for a `github_team` deleted on GitHub (its report stops) or not read yet.
 */
export function teamReportTarget(
  installationId: number,
  name: string,
  team: Team,
  organization: ExpectationsConfig,
  installed: readonly RepositoryRecord[],
  githubTeams: ReadonlyMap<string, GitHubTeam>,
): ReportTarget | null {
  const fromGitHub = team.github_team ? githubTeams.get(team.github_team) : undefined;
  if (team.github_team && fromGitHub?.state !== "known") return null;
  const byName = new Map(installed.map((r) => [r.fullName.toLowerCase(), r]));
  const listed =
    team.repos.length > 0 || !fromGitHub
      ? team.repos.flatMap((r) => byName.get(r.toLowerCase()) ?? [])
      : fromGitHub.access;
  const owned = team.owners_from === "codeowners" ? (fromGitHub?.codeowned ?? []) : [];
  const repositories = [...new Set([...listed, ...owned])];
  const postTo = organization.reports.repository ?? team.repos[0] ?? repositories[0]?.fullName;
  if (!postTo) return null;
  return {
    key: reviewActivityTeamKey(installationId, name),
    jobScope: { installationId, repositoryId: null },
    scope: { kind: "team", name },
    repositories,
    members: fromGitHub ? undefined : team.members.length > 0 ? team.members : organization.team,
    memberSpans: fromGitHub?.memberSpans,
    postTo,
    config: organization,
  };
}
