import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runDueJobs, type ScheduledJob } from "../../src/schedule/index.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";

const HOUR = 3_600_000;

/** A job due every hour that records its runs, and runs `body` each time. */
function hourly(name: string, runs: string[], body: () => Promise<void> = async () => {}) {
  return {
    name,
    nextRunAfter: (after: Date) => new Date(after.getTime() + HOUR),
    async run() {
      runs.push(name);
      await body();
    },
  } satisfies ScheduledJob;
}

describe("running the due jobs", () => {
  let ctx: TempStore;
  beforeEach(async () => {
    ctx = await tempStore();
  });
  afterEach(async () => {
    vi.useRealTimers();
    await ctx.cleanup();
  });

  it("runs the jobs after one that fails, and keeps the failed one due for the next tick", async () => {
    const runs: string[] = [];
    const errors: string[] = [];
    const jobs = [
      hourly("daily-release", runs, async () => {
        throw new Error("GitHub answered 502");
      }),
      hourly("retention", runs),
    ];
    const now = new Date("2026-06-15T10:00:00Z");
    for (const job of jobs) await ctx.store.setNextRun(job.name, now.getTime(), null);
    const onError = (job: string, error: unknown) =>
      errors.push(`${job}: ${(error as Error).message}`);
    expect(await runDueJobs(ctx.store, jobs, now, { owner: "a", onError })).toEqual(["retention"]);
    expect(errors).toEqual(["daily-release: GitHub answered 502"]);
    expect(await ctx.store.getNextRun("daily-release")).toBe(now.getTime());
    expect(await ctx.store.getNextRun("retention")).toBe(now.getTime() + HOUR);
    // Its lease was given back: the next tick (any process) runs it again.
    expect(await runDueJobs(ctx.store, jobs, now, { owner: "b", onError })).toEqual([]);
    expect(runs).toEqual(["daily-release", "retention", "daily-release"]);
  });

  it("renews a running job's lease, so a run longer than the lease is not taken over", async () => {
    const runs: string[] = [];
    const leaseMs = 300;
    let takenOver: boolean | undefined;
    // The renewals' interval and the clock they read are faked; the store's own timers are real.
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "Date"] });
    const job = hourly("slow", runs, async () => {
      await vi.advanceTimersByTimeAsync(2.5 * leaseMs);
      // Another process looks when the first lease would have run out long ago.
      takenOver = await ctx.store.acquireLease("slow", "b", Date.now(), leaseMs);
    });
    const now = new Date();
    await ctx.store.setNextRun("slow", now.getTime(), null);
    expect(await runDueJobs(ctx.store, [job], now, { owner: "a", leaseMs })).toEqual(["slow"]);
    expect(takenOver).toBe(false);
    // Released at the end: free for the next run.
    expect(await ctx.store.acquireLease("slow", "b", Date.now(), leaseMs)).toBe(true);
  });
});
