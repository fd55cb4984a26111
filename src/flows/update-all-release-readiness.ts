import type { Logger } from "pino";
import type { ConfigResult } from "../config/index.js";
import type { GitHubTarget } from "../github/index.js";
import type { PublishResult } from "../publish/index.js";
import type { Millis, Store } from "../store/index.js";
import { updateReleaseReadiness } from "./update-release-readiness.js";

export interface AllReleaseReadinessOptions {
  target: GitHubTarget;
  /** One config for every repository (a local file, or the defaults). */
  config: ConfigResult;
  webUrl: string;
  now: Millis;
  log?: Logger;
}

/**
 * Evaluates every repository of every installation in the store as of `now` and publishes what
 * changed: what `replay --dry-run` shows the app would post after the recorded deliveries.
 */
export async function updateAllReleaseReadiness(
  store: Store,
  options: AllReleaseReadinessOptions,
): Promise<Record<PublishResult, number>> {
  const total: Record<PublishResult, number> = { created: 0, updated: 0, unchanged: 0, closed: 0 };
  for (const installationId of await store.listInstallationIds()) {
    for (const repository of await store.listRepositories(installationId)) {
      const outcome = await updateReleaseReadiness(
        { store, target: options.target, installationId, now: options.now },
        { repository, everything: true },
        {
          config: async () => options.config,
          webUrl: options.webUrl,
          ...(options.log ? { log: options.log } : {}),
        },
      );
      for (const [result, count] of Object.entries(outcome.writes))
        total[result as PublishResult] += count;
    }
  }
  return total;
}
