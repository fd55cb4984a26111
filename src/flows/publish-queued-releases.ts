import { describeError, type InstallationConnection } from "../github/index.js";
import type { Millis, QueuedWork, Store } from "../store/index.js";
import type { Telemetry } from "../telemetry/index.js";
import { type PublishLog, publishReleaseReadiness } from "./publish-release-readiness.js";

/** A failed item is retried after 10 s, 20 s, 40 s… at most 5 minutes apart. */
const FIRST_RETRY_MS = 10_000;
const LONGEST_RETRY_MS = 5 * 60_000;
/** After this many failures an item is dropped (logged): the daily run publishes it anyway. */
export const MOST_ATTEMPTS = 10;

export interface QueuedReleasesOptions {
  store: Store;
  connect(installationId: number): Promise<Pick<InstallationConnection, "target" | "loadConfig">>;
  /** `https://github.com` or the GitHub Enterprise host (see githubWebUrl). */
  webUrl: string;
  /** The app's public URL when the dashboard is on (checks link to the milestone's page). */
  dashboardUrl?: string | undefined;
  log?: PublishLog;
  telemetry?: Telemetry;
  /** Who claims the work; distinct per process. */
  owner: string;
  now: Millis;
  /** How long claimed work stays this worker's before another may take it (its holder died). */
  leaseMs: number;
  /** How many queued items one call claims. */
  batch: number;
}

/** When an item that failed `attempts` times before is due again. */
export function retryDelay(attempts: number): Millis {
  return Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** attempts);
}

/** A wait as a person says it: "10 s", "5 min". */
function duration(ms: Millis): string {
  return ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;
}

/** The items of one repository, as one scope of release readiness. */
function scopeOf(items: readonly QueuedWork[]) {
  const ids = (prefix: string) =>
    items.filter((i) => i.subject.startsWith(prefix)).map((i) => i.subject.slice(prefix.length));
  return {
    pullRequestIds: ids("pull_request:").map(Number),
    headShas: ids("head_sha:"),
    milestoneIds: ids("milestone:").map(Number),
    wholeMilestones: items.some((item) => item.wholeMilestone),
    force: items.some((item) => item.force),
  };
}

/**
 * Claims due release-readiness work from the queue (in any replica, none twice), publishes each
 * repository's items as one scope, and finishes them; a repository that fails is due again
 * after a back-off, the others are done. Returns how many items were claimed: 0 when nothing is
 * due.
 */
export async function publishQueuedReleases(options: QueuedReleasesOptions): Promise<number> {
  const { store, owner, now, log } = options;
  const claimed = await store.claimPublishWork(owner, now, options.leaseMs, options.batch);
  const byRepository = new Map<string, QueuedWork[]>();
  for (const item of claimed) {
    const key = `${item.installationId}:${item.repositoryId}`;
    byRepository.set(key, [...(byRepository.get(key) ?? []), item]);
  }
  const connections = new Map<
    number,
    Promise<Pick<InstallationConnection, "target" | "loadConfig">>
  >();
  for (const items of byRepository.values()) {
    const [{ installationId, repositoryId }] = items as [QueuedWork];
    let name = `repository ${repositoryId}`;
    try {
      const repository = (await store.listRepositories(installationId)).find(
        (r) => r.repositoryId === repositoryId,
      );
      if (repository) name = repository.fullName;
      // Removed meanwhile (its queue went with it, unless this claim came first): nothing to publish.
      if (repository) {
        let connection = connections.get(installationId);
        if (!connection) {
          connection = options.connect(installationId);
          connections.set(installationId, connection);
        }
        const { target, loadConfig } = await connection;
        const [account = "", repo = ""] = repository.fullName.split("/");
        await publishReleaseReadiness(
          { store, target, installationId, now },
          { repository, ...scopeOf(items) },
          {
            config: () => loadConfig({ owner: account, repo, repositoryId }),
            webUrl: options.webUrl,
            dashboardUrl: options.dashboardUrl,
            ...(log ? { log } : {}),
            ...(options.telemetry ? { telemetry: options.telemetry } : {}),
          },
        );
      }
      await store.finishPublishWork(owner, items);
    } catch (error) {
      const attempts = Math.max(...items.map((item) => item.attempts)) + 1;
      const message = (error as Error)?.message ?? String(error);
      const details = { installation: installationId, repository: name, attempts, err: error };
      const failed = `release readiness of ${name} not published (${describeError(error)})`;
      if (attempts >= MOST_ATTEMPTS) {
        log?.error(
          details,
          `${failed}: attempt ${attempts} of ${MOST_ATTEMPTS}, given up; the daily run publishes it`,
        );
        await store.finishPublishWork(owner, items);
      } else {
        // Logged from the first failure on, with when it is tried again.
        log?.warn(
          details,
          `${failed}: attempt ${attempts} of ${MOST_ATTEMPTS}, retrying in ${duration(retryDelay(attempts - 1))} (after ${MOST_ATTEMPTS} the daily run publishes it)`,
        );
        await store.failPublishWork(owner, items, now + retryDelay(attempts - 1), message);
      }
    }
  }
  return claimed.length;
}
