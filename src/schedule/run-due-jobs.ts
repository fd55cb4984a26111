import { holdLease, type JobLeases } from "../store/index.js";
import { noTelemetry, type Telemetry } from "../telemetry/index.js";
import type { ScheduledJob } from "./job.js";

export interface RunDueJobsOptions {
  /** Who holds the lease; distinct per process. */
  owner: string;
  /** How long a lease lasts if its holder dies mid-run; renewed every third of it while it runs. */
  leaseMs?: number;
  /** The wall clock the renewals read (default the real one). */
  clock?: () => Date;
  /** A job failed; the others still run, and it is retried on the next tick. */
  onError?: (job: string, error: unknown) => void;
  /** Each run is told, with how late it started. */
  telemetry?: Telemetry;
}

/**
 * Runs every job whose stored next run is due at `now`, one runner at a time per job across
 * processes (a lease in the store, renewed while the job runs so that a long run is not taken
 * over), and stores the following run. A job never seen before is scheduled, not run. Returns the
 * names of the jobs that ran. A failing job keeps its due time and is retried on the next tick;
 * the jobs after it still run.
 */
export async function runDueJobs(
  store: JobLeases,
  jobs: readonly ScheduledJob[],
  now: Date,
  options: RunDueJobsOptions,
): Promise<string[]> {
  const clock = options.clock ?? (() => new Date());
  const telemetry = options.telemetry ?? noTelemetry;
  const ran: string[] = [];
  for (const job of jobs) {
    try {
      const next = await store.getNextRun(job.name);
      if (next === undefined) {
        await store.setNextRun(job.name, job.nextRunAfter(now).getTime(), null);
        continue;
      }
      if (next > now.getTime()) continue;
      const lagSeconds = (now.getTime() - next) / 1000;
      let ok = false;
      const leased = await holdLease(
        store,
        job.name,
        {
          owner: options.owner,
          ttlMs: job.leaseMs ?? options.leaseMs ?? 15 * 60_000,
          takenAt: now.getTime(),
          clock: () => clock().getTime(),
          onRenewError: (error) => options.onError?.(job.name, error),
        },
        async () => {
          try {
            await job.run(now);
            ok = true;
          } finally {
            telemetry.jobRun(job.name, lagSeconds, ok);
          }
          await store.setNextRun(job.name, job.nextRunAfter(now).getTime(), now.getTime());
        },
      );
      if (leased.held) ran.push(job.name);
    } catch (error) {
      options.onError?.(job.name, error);
    }
  }
  return ran;
}
