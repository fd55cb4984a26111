import type { JobLeases } from "../store/index.js";
import type { ScheduledJob } from "./job.js";
import { runDueJobs } from "./run-due-jobs.js";

export interface SchedulerOptions {
  owner: string;
  clock?: () => Date;
  /** How often due jobs are looked for (default a minute). */
  tickMs?: number;
  onError?: (error: unknown) => void;
}

/** Looks for due jobs on a timer; returns a function that stops it. */
export function startScheduler(
  store: JobLeases,
  jobs: readonly ScheduledJob[],
  options: SchedulerOptions,
): () => void {
  const clock = options.clock ?? (() => new Date());
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await runDueJobs(store, jobs, clock(), { owner: options.owner });
    } catch (error) {
      options.onError?.(error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, options.tickMs ?? 60_000);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
