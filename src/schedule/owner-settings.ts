import type { Logger } from "pino";
import { type ConfigResult, ORGANIZATION_REPOSITORY } from "../config/index.js";
import { type GitHubTeam, learnGitHubTeams, resolveGitHubTeams } from "../flows/index.js";
import type { InstallationConnection } from "../github/index.js";
import type { RepositoryRecord, Store } from "../store/index.js";

/** What one look at an installation's reports knows of each owner, read once per owner. */
export interface OwnerSettings {
  /** The owner's `.github` file: the only one whose teams and report targets count. */
  config(owner: string): Promise<ConfigResult>;
  /**
   * The GitHub teams (and CODEOWNERS, for teams that take owners from it) the owner's file
   * names, read from GitHub only the first time they are named, then resolved from the store.
   */
  githubTeams(owner: string): Promise<Map<string, GitHubTeam>>;
}

export interface OwnerSettingsOptions {
  store: Store;
  connection: InstallationConnection;
  installationId: number;
  repositories: readonly RepositoryRecord[];
  at: number;
  log?: Logger | undefined;
}

/** `load` called once per owner (its name in any case), its promise shared by every later call. */
function oncePerOwner<T>(load: (owner: string) => Promise<T>): (owner: string) => Promise<T> {
  const loaded = new Map<string, Promise<T>>();
  return (owner) => {
    const key = owner.toLowerCase();
    let found = loaded.get(key);
    if (!found) {
      found = load(owner);
      loaded.set(key, found);
    }
    return found;
  };
}

/** Each owner's settings for one look at an installation, read when first asked for. */
export function ownerSettings(options: OwnerSettingsOptions): OwnerSettings {
  const { store, connection, installationId, repositories, log } = options;
  const config = oncePerOwner((owner) => {
    const loaded = connection.loadConfig({ owner, repo: ORGANIZATION_REPOSITORY });
    void loaded.then(
      (result) => {
        if (!result.ok)
          log?.warn(
            { owner, errors: result.errors },
            `team reports skipped: ${owner}/${ORGANIZATION_REPOSITORY}'s .github/expectations.yml is invalid`,
          );
      },
      () => undefined,
    );
    return loaded;
  });
  const githubTeams = oncePerOwner(async (owner) => {
    const organization = await config(owner);
    if (!organization.ok) return new Map<string, GitHubTeam>();
    const learned = await learnGitHubTeams(
      store,
      connection,
      installationId,
      owner,
      organization.config,
      repositories,
      options.at,
    );
    if (learned.read.length > 0) log?.info?.({ owner, teams: learned.read }, "GitHub teams read");
    if (learned.missing.length > 0)
      log?.warn(
        { owner, teams: learned.missing },
        `github_team in ${owner}/${ORGANIZATION_REPOSITORY}'s .github/expectations.yml names a team GitHub does not know; its report is skipped`,
      );
    return resolveGitHubTeams(store, installationId, organization.config, repositories);
  });
  return { config, githubTeams };
}
