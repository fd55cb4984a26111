import { type ConfigOctokit, type ConfigResult, loadConfig } from "../config/index.js";
import type { GitHubTarget } from "./github-target.js";
import { octokitTarget } from "./octokit-target.js";
import type { RepositoryRef } from "./repository-path.js";

/** What publishing needs of one installation: where to write, and its repositories' config. */
export interface InstallationConnection {
  target: GitHubTarget;
  loadConfig(repository: RepositoryRef): Promise<ConfigResult>;
  /** A read of GitHub's REST API as the installation (teams when first named, CODEOWNERS). */
  request(route: string, parameters?: Record<string, unknown>): Promise<{ data: unknown }>;
}

type InstallationOctokit = Parameters<typeof octokitTarget>[0] & ConfigOctokit;

/** A connection through an installation's Octokit (a webhook's `context.octokit` or `app.auth(id)`). */
export function octokitConnection(octokit: InstallationOctokit): InstallationConnection {
  return {
    target: octokitTarget(octokit),
    loadConfig: (repository) => loadConfig(octokit, repository),
    request: (route, parameters) =>
      (octokit.request as (r: string, p?: Record<string, unknown>) => Promise<{ data: unknown }>)(
        route,
        parameters,
      ),
  };
}

/** Connects to any installation of the app, for work that no webhook started (the daily run). */
export function appConnector(app: {
  auth(installationId: number): Promise<unknown>;
}): (installationId: number) => Promise<InstallationConnection> {
  return async (installationId) =>
    octokitConnection((await app.auth(installationId)) as InstallationOctokit);
}
