import type { Logger } from "pino";
import { describeError, type InstallationConnection } from "../github/index.js";
import type { Millis, QueuedWork, Store } from "../store/index.js";
import type { Telemetry } from "../telemetry/index.js";
import type { Reaction } from "./reaction.js";
import { updateReleaseReadiness } from "./update-release-readiness.js";

/** A failed item is retried after 10 s, 20 s, 40 s… at most 5 minutes apart. */
const FIRST_RETRY_MS = 10_000;
const LONGEST_RETRY_MS = 5 * 60_000;
/** After this many failures an item is dropped (logged): the daily run publishes it anyway. */
export const MOST_ATTEMPTS = 10;

export interface PublishQueueBatchOptions {
  store: Store;
  connect(installationId: number): Promise<Pick<InstallationConnection, "target" | "loadConfig">>;
  /** `https://github.com` or the GitHub Enterprise host (see githubWebUrl). */
  webUrl: string;
  /** The app's public URL when the dashboard is on (checks link to the milestone's page). */
  dashboardUrl?: string | undefined;
  log?: Logger;
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
 * Claims due release-readiness work from the publish queue (in any replica, none twice), publishes each
 * repository's items as one scope, and finishes them; a repository that fails is due again
 * after a back-off, the others are done. Returns how many items were claimed: 0 when nothing is
 * due.
 */
export async function runPublishQueueBatch(options: PublishQueueBatchOptions): Promise<number> {
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
        await updateReleaseReadiness(
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

/** The publishing settings of `runPublishQueueBatch`, and the workers' pace. */
export interface PublishQueueWorkersOptions
  extends Pick<
    PublishQueueBatchOptions,
    "store" | "connect" | "webUrl" | "dashboardUrl" | "log" | "owner" | "telemetry"
  > {
  clock?: () => Date;
  /** Workers in this process (default 2). */
  workers?: number;
  /** How often idle workers look for work queued by other replicas (default a second). */
  pollMs?: number;
  /** How long after a delivery this process's workers look (deliveries together coalesce). */
  settleMs?: number;
  /** How long claimed work stays a worker's if it dies (default a minute). */
  leaseMs?: number;
}

export interface PublishQueueWorkers {
  /** After each recorded delivery: wakes this process's workers. */
  reaction: Reaction;
  /** Publishes everything due now, here and to the end (the CLI and tests). */
  drain(): Promise<void>;
  /** Starts the workers; they run until `stop`. */
  start(): void;
  /** Workers finish the work in hand and stop. */
  stop(): Promise<void>;
  /** How many workers are publishing now (what a shutdown that cannot wait leaves queued). */
  publishing(): number;
}

/**
 * Publishes the release readiness that deliveries queued. Workers in every replica claim due
 * work from the store, so a webhook is answered once its delivery is committed, never after
 * GitHub; a delivery wakes this process's workers at once, and they also look every `pollMs`
 * for work another replica recorded or that is due again after a failure.
 */
export function publishQueueWorkers(options: PublishQueueWorkersOptions): PublishQueueWorkers {
  const clock = options.clock ?? (() => new Date());
  const pollMs = options.pollMs ?? 1_000;
  const settleMs = options.settleMs ?? 50;
  const publishDue = () =>
    runPublishQueueBatch({
      store: options.store,
      connect: options.connect,
      webUrl: options.webUrl,
      dashboardUrl: options.dashboardUrl,
      ...(options.log ? { log: options.log } : {}),
      ...(options.telemetry ? { telemetry: options.telemetry } : {}),
      owner: options.owner,
      now: clock().getTime(),
      leaseMs: options.leaseMs ?? 60_000,
      batch: 20,
    });

  let stopped = true;
  let busy = 0;
  let wake: (() => void)[] = [];
  let running: Promise<void>[] = [];
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = wake.filter((w) => w !== done);
        resolve();
      }
      wake.push(done);
    });
  const worker = async () => {
    while (!stopped) {
      let claimed = 0;
      busy += 1;
      try {
        claimed = await publishDue();
      } catch (error) {
        // The database is unreachable for now: the work stays queued, the worker looks again.
        options.log?.error({ err: error }, "publish queue could not be read");
      } finally {
        busy -= 1;
      }
      if (claimed === 0 && !stopped) await sleep(pollMs);
    }
  };

  return {
    reaction: async ({ outcome }) => {
      if (outcome.status !== "applied" || stopped) return;
      setTimeout(() => {
        for (const resume of [...wake]) resume();
      }, settleMs).unref();
    },
    async drain() {
      while ((await publishDue()) > 0);
    },
    start() {
      if (!stopped) return;
      stopped = false;
      running = Array.from({ length: options.workers ?? 2 }, worker);
    },
    publishing: () => busy,
    async stop() {
      stopped = true;
      for (const resume of [...wake]) resume();
      await Promise.all(running);
      running = [];
    },
  };
}
