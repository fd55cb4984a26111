import type { JobLeases } from "../store/index.js";
import type { Telemetry } from "../telemetry/index.js";
import type { ScheduledJob } from "./job.js";
import { runDueJobs } from "./run-due-jobs.js";

export interface SchedulerOptions {
  owner: string;
  clock?: () => Date;
  /** How often due jobs are looked for (default a minute). */
  tickMs?: number;
  /** A job failed (the others still ran); it is retried on the next tick. */
  onError?: (job: string, error: unknown) => void;
  telemetry?: Telemetry;
}

/**
 * Looks for due jobs on a timer (the first look at once, jobs that run at start due then);
 * returns a function that stops it and resolves once the run in progress, if any, has finished.
 */
export function startScheduler(
  store: JobLeases,
  jobs: readonly ScheduledJob[],
  options: SchedulerOptions,
): () => Promise<void> {
  const clock = options.clock ?? (() => new Date());
  let running: Promise<void> | null = null;
  let starting: Promise<unknown> | null = Promise.all(
    jobs
      .filter((job) => job.runAtStart)
      .map((job) =>
        store
          .setNextRun(job.name, clock().getTime(), null)
          .catch((error: unknown) => options.onError?.(job.name, error)),
      ),
  );
  const tick = () => {
    running ??= (async () => {
      await starting;
      starting = null;
      await runDueJobs(store, jobs, clock(), {
        owner: options.owner,
        clock,
        ...(options.onError ? { onError: options.onError } : {}),
        ...(options.telemetry ? { telemetry: options.telemetry } : {}),
      });
    })().finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(tick, options.tickMs ?? 60_000);
  timer.unref();
  void tick();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
