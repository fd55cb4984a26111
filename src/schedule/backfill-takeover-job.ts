import type { ScheduledJob } from "./job.js";

const LOOK_EVERY_MS = 5 * 60_000;

/**
 * Every five minutes, one replica queues the imports that were started and not finished: one
 * whose replica died (its lease ran out) is taken over, one still running elsewhere is left to it.
 */
export function backfillTakeoverJob(options: { resume: () => Promise<void> }): ScheduledJob {
  return {
    name: "backfill-takeover",
    nextRunAfter: (after) =>
      new Date((Math.floor(after.getTime() / LOOK_EVERY_MS) + 1) * LOOK_EVERY_MS),
    run: () => options.resume(),
  };
}
