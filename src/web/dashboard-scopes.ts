import {
  type ConfigError,
  type ExpectationsConfig,
  parseConfig,
  settingsFromText,
} from "../config/index.js";
import { reportTargets } from "../schedule/index.js";
import type { Millis, RepositoryRecord, Store } from "../store/index.js";
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
  config: ExpectationsConfig;
  settingsSince: Millis | null;
  /** The page of this team or repository, under `/expectations`. */
  path: string;
}

export interface DashboardScopes {
  repositories: VisibleRepository[];
  scopes: DashboardScope[];
  /** Repositories whose settings are invalid: shown with their errors, never judged by defaults. */
  problems: { repository: RepositoryRecord; errors: ConfigError[] }[];
}

const DEFAULTS = parseConfig(null);

/**
 * The teams and repositories the review-activity reports cover (the same targets the scheduled
 * job posts), built from the visible repositories only: a team shows the repositories of it the
 * person may see, and a team with none of them is not there at all.
 */
export async function dashboardScopes(
  store: Store,
  visible: readonly RepositoryRecord[],
): Promise<DashboardScopes> {
  const result: DashboardScopes = { repositories: [], scopes: [], problems: [] };
  const installations = [...new Set(visible.map((r) => r.installationId))];
  for (const installationId of installations) {
    const kept = new Map(
      (await store.listRepositorySettings(installationId)).map((s) => [s.repositoryId, s]),
    );
    const mine = visible
      .filter((r) => r.installationId === installationId)
      .sort((a, b) => a.fullName.localeCompare(b.fullName));
    const seen = new Set<string>();
    for (const repository of mine) {
      const settings = kept.get(repository.repositoryId);
      const loaded = settings ? settingsFromText(settings.settings) : DEFAULTS;
      const settingsSince = settings?.updatedAt ?? null;
      if (!loaded.ok) {
        result.problems.push({ repository, errors: loaded.errors });
        result.repositories.push({ repository, config: null, settingsSince });
        continue;
      }
      result.repositories.push({ repository, config: loaded.config, settingsSince });
      for (const target of reportTargets(installationId, repository, mine, loaded.config)) {
        if (seen.has(target.key)) continue;
        seen.add(target.key);
        result.scopes.push({
          installationId,
          kind: target.scope.kind,
          name: target.scope.name,
          repositories: target.repositories,
          members: target.members,
          config: loaded.config,
          settingsSince,
          path:
            target.scope.kind === "team"
              ? dashboardPaths.team(installationId, target.scope.name)
              : dashboardPaths.repository(repository.fullName),
        });
      }
    }
  }
  result.scopes.sort((a, b) => a.name.localeCompare(b.name) || a.installationId - b.installationId);
  return result;
}
