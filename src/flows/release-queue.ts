import { publishQueuedReleases, type QueuedReleasesOptions } from "./publish-queued-releases.js";
import type { Reaction } from "./reaction.js";

/** The publishing settings of `publishQueuedReleases`, and the workers' pace. */
export interface ReleaseQueueOptions
  extends Pick<
    QueuedReleasesOptions,
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

export interface ReleaseQueue {
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
export function releaseQueue(options: ReleaseQueueOptions): ReleaseQueue {
  const clock = options.clock ?? (() => new Date());
  const pollMs = options.pollMs ?? 1_000;
  const settleMs = options.settleMs ?? 50;
  const publishDue = () =>
    publishQueuedReleases({
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
        options.log?.error({ err: error }, "release readiness queue could not be read");
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
