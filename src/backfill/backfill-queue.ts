/** One repository to backfill in the background. */
export interface QueuedBackfill {
  installationId: number;
  repositoryId: number;
  fullName: string;
}

export interface BackfillQueue<T extends QueuedBackfill> {
  /** Queues a repository unless it is queued or running already; true when queued. */
  add(job: T): boolean;
  /** Drops queued work of an installation (or of some of its repositories) and asks running work to stop. */
  cancel(installationId: number, repositoryIds?: number[]): void;
  /** Drops all queued work and asks running work to stop after its page; resolves once it has. */
  stop(): Promise<void>;
  /** Resolves once nothing is queued or running. */
  idle(): Promise<void>;
}

/**
 * Runs backfills with at most `concurrency` at a time, so that installing the app on a large
 * organisation does not start hundreds of imports at once. `run` gets a `stopped` function to
 * ask between pages.
 */
export function createBackfillQueue<T extends QueuedBackfill>(options: {
  concurrency: number;
  run: (job: T, stopped: () => boolean) => Promise<void>;
}): BackfillQueue<T> {
  const queued: T[] = [];
  const running = new Map<string, { stop: boolean }>();
  let waiters: (() => void)[] = [];
  const key = (job: QueuedBackfill) => `${job.installationId}/${job.repositoryId}`;

  const settle = () => {
    if (queued.length > 0 || running.size > 0) return;
    for (const resolve of waiters.splice(0)) resolve();
  };

  const pump = () => {
    while (running.size < options.concurrency && queued.length > 0) {
      const job = queued.shift() as T;
      const flag = { stop: false };
      running.set(key(job), flag);
      void options
        .run(job, () => flag.stop)
        .catch(() => {
          // `run` reports its own failures; the queue keeps going.
        })
        .finally(() => {
          running.delete(key(job));
          pump();
          settle();
        });
    }
  };

  return {
    add(job) {
      if (running.has(key(job)) || queued.some((other) => key(other) === key(job))) return false;
      queued.push(job);
      pump();
      return true;
    },
    cancel(installationId, repositoryIds) {
      const matches = (job: QueuedBackfill) =>
        job.installationId === installationId &&
        (repositoryIds === undefined || repositoryIds.includes(job.repositoryId));
      for (let i = queued.length - 1; i >= 0; i--) if (matches(queued[i] as T)) queued.splice(i, 1);
      for (const [jobKey, flag] of running) {
        const [installation, repository] = jobKey.split("/").map(Number);
        if (
          matches({
            installationId: installation as number,
            repositoryId: repository as number,
            fullName: "",
          })
        )
          flag.stop = true;
      }
      settle();
    },
    stop() {
      queued.length = 0;
      for (const flag of running.values()) flag.stop = true;
      settle();
      return this.idle();
    },
    idle() {
      if (queued.length === 0 && running.size === 0) return Promise.resolve();
      return new Promise((resolve) => {
        waiters = [...waiters, resolve];
      });
    },
  };
}
