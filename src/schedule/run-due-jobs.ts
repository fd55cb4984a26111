import type { JobLeases } from "../store/index.js";
import type { ScheduledJob } from "./job.js";

export interface RunDueJobsOptions {
  /** Who holds the lease; distinct per process. */
  owner: string;
  /** How long a lease lasts if its holder dies mid-run. */
  leaseMs?: number;
}

/**
 * Runs every job whose stored next run is due at `now`, one runner at a time per job (a lease
 * in the store), and stores the following run. A job never seen before is scheduled, not run.
 * Returns the names of the jobs that ran. A failing job keeps its due time and is retried on
 * the next tick.
 */
export async function runDueJobs(
  store: JobLeases,
  jobs: readonly ScheduledJob[],
  now: Date,
  options: RunDueJobsOptions,
): Promise<string[]> {
  const ran: string[] = [];
  for (const job of jobs) {
    const next = await store.getNextRun(job.name);
    if (next === undefined) {
      await store.setNextRun(job.name, job.nextRunAfter(now).getTime(), null);
      continue;
    }
    if (next > now.getTime()) continue;
    if (
      !(await store.acquireLease(
        job.name,
        options.owner,
        now.getTime(),
        options.leaseMs ?? 15 * 60_000,
      ))
    )
      continue;
    try {
      await job.run(now);
      await store.setNextRun(job.name, job.nextRunAfter(now).getTime(), now.getTime());
      ran.push(job.name);
    } finally {
      await store.releaseLease(job.name, options.owner);
    }
  }
  return ran;
}
