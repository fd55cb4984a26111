import {
  type ConfigError,
  type ConfigResult,
  type ExpectationsConfig,
  ORGANIZATION_REPOSITORY,
  parseConfig,
  settingsFromText,
} from "../config/index.js";
import { type GitHubTeam, repositoryIdByName, resolveGitHubTeams } from "../flows/index.js";
import { type ReportTarget, reportTargets } from "../schedule/index.js";
import type {
  KeptSettings,
  MembershipSpan,
  Millis,
  RepositoryRecord,
  Store,
} from "../store/index.js";
import { dashboardPaths } from "./dashboard-paths.js";

/** A repository the person may see, with the settings the app last read for it. */
export interface VisibleRepository {
  repository: RepositoryRecord;
  /** Null when its `.github/expectations.yml` is invalid (see `problems`). */
  config: ExpectationsConfig | null;
  /** When the app read these settings; null when it has not yet (the defaults apply meanwhile). */
  settingsSince: Millis | null;
}

/** A team from `reports.teams`, or a repository reported on its own: what a team page shows. */
export interface DashboardScope {
  installationId: number;
  kind: "team" | "repository";
  name: string;
  /** Only the repositories the person may see. */
  repositories: RepositoryRecord[];
  members: readonly string[] | undefined;
  /** A team from GitHub: when each member was in it (from the store). */
  memberSpans?: ReadonlyMap<string, readonly MembershipSpan[]> | undefined;
  /** The team's settings (the organisation's file), or the repository's own. */
  config: ExpectationsConfig;
  settingsSince: Millis | null;
  /** The page of this team or repository, under `/expectations`. */
  path: string;
}

export interface DashboardScopes {
  repositories: VisibleRepository[];
  scopes: DashboardScope[];
  /** Settings files that are invalid: shown with their errors, never judged by defaults. */
  problems: { file: string; errors: ConfigError[] }[];
}

const DEFAULTS = parseConfig(null);

function kept(settings: KeptSettings | undefined): { result: ConfigResult; since: Millis | null } {
  return settings
    ? { result: settingsFromText(settings.settings), since: settings.updatedAt }
    : { result: DEFAULTS, since: null };
}

/** What a team page shows of a report target: a team's page, or the repository's own. */
function dashboardScope(
  installationId: number,
  target: ReportTarget,
  repository: RepositoryRecord,
  settingsSince: Millis | null,
): DashboardScope {
  return {
    installationId,
    kind: target.scope.kind,
    name: target.scope.name,
    repositories: target.repositories,
    members: target.members,
    memberSpans: target.memberSpans,
    config: target.config,
    settingsSince,
    path:
      target.scope.kind === "team"
        ? dashboardPaths.team(installationId, target.scope.name)
        : dashboardPaths.repository(repository.fullName),
  };
}

/**
 * The teams and repositories the review-activity reports cover (the same targets, by the same
 * trust rules, as the scheduled job: teams only from the owner's `.github` file), built from the
 * visible repositories only: a team shows the repositories of it the person may see, and a team
 * with none of them is not there at all.
 */
export async function dashboardScopes(
  store: Store,
  visible: readonly RepositoryRecord[],
): Promise<DashboardScopes> {
  const result: DashboardScopes = { repositories: [], scopes: [], problems: [] };
  const installations = [...new Set(visible.map((r) => r.installationId))];
  for (const installationId of installations) {
    // By repository id: a name may be a newer repository's than the one whose settings these were.
    const settings = new Map(
      (await store.listSettings(installationId)).map((s) => [s.repositoryId, s]),
    );
    const ownerFiles = new Map<string, ReturnType<typeof kept>>();
    const ownerFileOf = async (owner: string) => {
      let found = ownerFiles.get(owner);
      if (!found) {
        const id = await repositoryIdByName(
          store,
          installationId,
          `${owner}/${ORGANIZATION_REPOSITORY}`,
        );
        found = kept(id === undefined ? undefined : settings.get(id));
        ownerFiles.set(owner, found);
      }
      return found;
    };
    const mine = visible
      .filter((r) => r.installationId === installationId)
      .sort((a, b) => a.fullName.localeCompare(b.fullName));
    const seen = new Set<string>();
    const owners = new Set<string>();
    const githubTeams = new Map<string, Map<string, GitHubTeam>>();
    for (const repository of mine) {
      const owner = repository.fullName.split("/")[0] ?? "";
      const own = kept(settings.get(repository.repositoryId));
      const ownerFile = await ownerFileOf(owner);
      const organization = ownerFile.result;
      if (!organization.ok && !owners.has(owner))
        result.problems.push({
          file: `${owner}/${ORGANIZATION_REPOSITORY}`,
          errors: organization.errors,
        });
      owners.add(owner);
      if (!own.result.ok)
        result.problems.push({ file: repository.fullName, errors: own.result.errors });
      result.repositories.push({
        repository,
        config: own.result.ok ? own.result.config : null,
        settingsSince: own.since,
      });
      if (organization.ok && !githubTeams.has(owner))
        githubTeams.set(
          owner,
          await resolveGitHubTeams(store, installationId, organization.config, mine),
        );
      for (const target of reportTargets(
        installationId,
        repository,
        mine,
        own.result,
        organization,
        githubTeams.get(owner),
      )) {
        if (seen.has(target.key)) continue;
        seen.add(target.key);
        const since = target.scope.kind === "team" ? ownerFile.since : own.since;
        result.scopes.push(dashboardScope(installationId, target, repository, since));
      }
    }
  }
  result.scopes.sort((a, b) => a.name.localeCompare(b.name) || a.installationId - b.installationId);
  return result;
}
