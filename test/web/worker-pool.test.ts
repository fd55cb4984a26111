import { afterEach, describe, expect, it } from "vitest";
import { WorkerJobFailed, WorkerPool, type WorkerPoolOptions } from "../../src/web/worker-pool.js";
import { loggerCalling } from "../helpers/logger-calling.js";
import type { TestJob } from "./pool-test-worker.js";

const SCRIPT = new URL("./pool-test-worker.ts", import.meta.url);

describe("worker threads that compute off the main thread", () => {
  const pools: WorkerPool<TestJob, unknown>[] = [];
  const logged: { level: string; details: Record<string, unknown>; message: string }[] = [];
  const log = loggerCalling({
    info: (details: object, message: string) =>
      logged.push({ level: "info", details: details as Record<string, unknown>, message }),
    error: (details: object, message: string) =>
      logged.push({ level: "error", details: details as Record<string, unknown>, message }),
  });
  const pool = (options: Partial<WorkerPoolOptions> = {}) => {
    const created = new WorkerPool<TestJob, unknown>({
      script: SCRIPT,
      workerData: {},
      size: 1,
      name: "test figures",
      log,
      restartMs: 20,
      ...options,
    });
    pools.push(created);
    return created;
  };
  afterEach(async () => {
    for (const created of pools.splice(0)) await created.close();
    logged.length = 0;
  });

  it("answers each job; a job that fails fails alone and the worker keeps going", async () => {
    const workers = pool();
    expect(await workers.run({ square: 7 })).toBe(49);
    await expect(workers.run({ fail: "no such team" })).rejects.toThrow("no such team");
    expect(await workers.run({ square: 3 })).toBe(9);
    expect(logged).toEqual([]);
  });

  it.each([
    ["exits", { exit: 3 }, "it exited with code 3"],
    ["throws outside any job", { throwOutside: "out of memory" }, "it failed: out of memory"],
  ] as const)(
    "a worker that %s fails its job, is logged and started again",
    async (_, job, reason) => {
      const workers = pool();
      expect(await workers.run({ square: 2 })).toBe(4);
      const failed = workers.run(job);
      // Queued behind the crash: computed by the worker started in its place.
      const next = workers.run({ square: 5 });
      await expect(failed).rejects.toThrow(WorkerJobFailed);
      await expect(failed).rejects.toThrow(reason);
      expect(await next).toBe(25);
      expect(logged).toMatchObject([
        { level: "error", message: "test figures: a worker thread stopped; it is started again" },
      ]);
    },
  );

  it("ends a worker whose job hangs past the deadline, and starts another", async () => {
    const workers = pool({ jobTimeoutMs: 300 });
    const hung = workers.run({ hang: true });
    await expect(hung).rejects.toThrow("a job ran longer than 0.3 s");
    expect(await workers.run({ square: 4 })).toBe(16);
    expect(logged).toHaveLength(1);
  });

  it("a worker that cannot start fails the jobs waiting for it instead of keeping them, and backs off", async () => {
    const workers = pool({ workerData: { failStart: "the store file is missing" } });
    await Promise.all(
      [workers.run({ square: 1 }), workers.run({ square: 2 })].map((job) =>
        expect(job).rejects.toThrow("the store file is missing"),
      ),
    );
    await expect(workers.run({ square: 3 })).rejects.toThrow("the store file is missing");
    const delays = logged.map((line) => line.details.restartInMs);
    expect(delays.slice(0, 2)).toEqual([20, 40]);
  });

  it("runs one job per worker at a time: two workers side by side", async () => {
    const overlaps = async (size: number) => {
      const workers = pool({ size });
      const [a, b] = (await Promise.all([
        workers.run({ sleepMs: 300 }),
        workers.run({ sleepMs: 300 }),
      ])) as [number, number][];
      return (b as [number, number])[0] < (a as [number, number])[1];
    };
    expect(await overlaps(1)).toBe(false);
    expect(await overlaps(2)).toBe(true);
  });

  it("refuses jobs beyond maxQueued rather than queueing them without end", async () => {
    const workers = pool({ maxQueued: 1 });
    expect(await workers.run({ square: 1 })).toBe(1);
    const running = workers.run({ sleepMs: 200 });
    const queued = workers.run({ square: 2 });
    await expect(workers.run({ square: 3 })).rejects.toThrow("1 jobs already wait");
    await running;
    expect(await queued).toBe(4);
  });

  it("closing fails what waits, ends a busy worker after the grace period, and refuses new jobs", async () => {
    const workers = pool({ size: 1 });
    expect(await workers.run({ square: 1 })).toBe(1);
    const hung = expect(workers.run({ hang: true })).rejects.toThrow("the pool is stopping");
    const waiting = expect(workers.run({ square: 2 })).rejects.toThrow("the pool is stopping");
    const started = performance.now();
    await workers.close(200);
    expect(performance.now() - started).toBeLessThan(2_000);
    await hung;
    await waiting;
    await expect(workers.run({ square: 3 })).rejects.toThrow("the pool is stopping");
    // An end asked for, not a worker that died: no error, nothing started again.
    expect(logged).toEqual([
      { level: "info", details: { workers: 1 }, message: "test figures: worker threads ended" },
    ]);
  });
});
