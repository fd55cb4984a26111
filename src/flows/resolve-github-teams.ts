import { type ExpectationsConfig, githubTeamNames } from "../config/index.js";
import type { MembershipSpan, RepositoryRecord, TeamReads, TeamRow } from "../store/index.js";

/** A `github_team` as the store knows it: who was in it when, and the repositories it reaches. */
export interface GitHubTeam {
  /**
   * `known`: every membership change reaches the store (read from GitHub, or seen created);
   * `unknown`: never read (reading it is the install-time step); `deleted`: its report stops.
   */
  state: "known" | "unknown" | "deleted";
  /** The team's members and those of every team nested in it, with when each was in it. */
  memberSpans: ReadonlyMap<string, readonly MembershipSpan[]>;
  /** Installed repositories the team may reach on GitHub. */
  access: RepositoryRecord[];
  /** Installed repositories whose CODEOWNERS gives `*` to the team. */
  codeowned: RepositoryRecord[];
}

/** A team and every team nested in it, at any depth (a cycle is cut). */
function withNested(team: TeamRow, teams: readonly TeamRow[]): TeamRow[] {
  const found = [team];
  for (let i = 0; i < found.length; i++) {
    const parent = found[i] as TeamRow;
    for (const child of teams)
      if (
        child.parentTeamId === parent.teamId &&
        child.deletedAt === null &&
        !found.includes(child)
      )
        found.push(child);
  }
  return found;
}

/**
 * The configuration's GitHub teams as the store knows them (no GitHub read): by "org/slug".
 * Only teams of the installation's own organisations count.
 */
export async function resolveGitHubTeams(
  store: TeamReads,
  installationId: number,
  config: Pick<ExpectationsConfig, "reports">,
  installed: readonly RepositoryRecord[],
): Promise<Map<string, GitHubTeam>> {
  const names = githubTeamNames(config);
  const resolved = new Map<string, GitHubTeam>();
  if (names.length === 0) return resolved;
  const teams = await store.listTeams(installationId);
  const byId = new Map(installed.map((r) => [r.repositoryId, r]));
  const owners = await store.listRepositoryOwners(installationId);
  for (const name of names) {
    const [organization, slug] = name.split("/");
    const team = teams.find(
      (t) => t.organization === organization && t.slug.toLowerCase() === slug,
    );
    const empty = { memberSpans: new Map(), access: [], codeowned: [] };
    if (!team) {
      resolved.set(name, { state: "unknown", ...empty });
      continue;
    }
    if (team.deletedAt !== null) {
      resolved.set(name, { state: "deleted", ...empty });
      continue;
    }
    const nested = withNested(team, teams);
    const memberSpans = new Map<string, MembershipSpan[]>();
    for (const row of await store.listTeamMembers(
      installationId,
      nested.map((t) => t.teamId),
    ))
      memberSpans.set(row.login, [...(memberSpans.get(row.login) ?? []), ...row.spans]);
    const access = (await store.listTeamRepositories(installationId, [team.teamId])).flatMap(
      (row) => byId.get(row.repositoryId) ?? [],
    );
    const codeowned = owners
      .filter((row) => row.teams.includes(name))
      .flatMap((row) => byId.get(row.repositoryId) ?? []);
    resolved.set(name, {
      state: nested.every((t) => t.membersKnownAt !== null) ? "known" : "unknown",
      memberSpans,
      access,
      codeowned,
    });
  }
  return resolved;
}
