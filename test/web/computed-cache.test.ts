import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestDelivery } from "../../src/ingest/index.js";
import { ComputedCache } from "../../src/web/computed-cache.js";
import { kodiakChain } from "../helpers/fixtures.js";
import { tempStore } from "../helpers/temp-store.js";

const LIVE_MS = 60_000;
const RETRY_MS = 50;

describe("figures computed once and kept while the store is unchanged", () => {
  let ctx: Awaited<ReturnType<typeof tempStore>>;
  let now: number;
  let cache: ComputedCache;
  let runs: number;
  const errors: unknown[] = [];
  const compute = async (at: number) => {
    runs += 1;
    const repositories = await ctx.store.listRepositories(848733);
    return { repositories: repositories.length, at };
  };

  beforeEach(async () => {
    ctx = await tempStore();
    now = Date.parse("2019-10-01T12:00:00Z");
    runs = 0;
    errors.length = 0;
    cache = new ComputedCache({
      version: () => ctx.store.dataVersion(),
      clock: () => now,
      liveMs: LIVE_MS,
      maxEntries: 3,
      retryMs: RETRY_MS,
      onError: (error) => errors.push(error),
    });
  });
  afterEach(() => ctx.cleanup());

  const get = (key: string, live = false, waitMs = 5_000, fn = compute) =>
    cache.get(key, fn, { live, waitMs });
  /**
   * Resolves once the computation a page started in the background for `key` is done; fails if
   * the page had started none (then `refresh` would compute it itself, and hide that).
   */
  const computed = async (key: string, live = false) => {
    let startedHere = false;
    await cache.refresh(
      key,
      async () => {
        startedHere = true;
        throw new Error(`nothing was being computed for ${key}`);
      },
      live,
    );
    expect(startedHere).toBe(false);
  };

  it("computes once, then reads the kept value while nothing is written", async () => {
    expect(await get("a")).toEqual({
      state: "ready",
      value: { repositories: 0, at: now },
      computedAt: now,
      fresh: true,
    });
    now += 3_600_000;
    expect(await get("a")).toMatchObject({ fresh: true, computedAt: now - 3_600_000 });
    expect(runs).toBe(1);
  });

  it("after a write, shows the kept value once (not fresh) while the new one is computed", async () => {
    await get("a");
    const [opened] = kodiakChain();
    if (opened) await ingestDelivery(ctx.store, opened);
    expect(await get("a")).toMatchObject({ value: { repositories: 0 }, fresh: false });
    await computed("a");
    expect(await get("a")).toMatchObject({ value: { repositories: 1 }, fresh: true });
    expect(runs).toBe(2);
  });

  it("recomputes figures that depend on the time once they are a minute old", async () => {
    await get("live", true);
    now += LIVE_MS - 1;
    expect(await get("live", true)).toMatchObject({ fresh: true });
    now += 1;
    expect(await get("live", true)).toMatchObject({ fresh: false });
    await computed("live", true);
    expect(await get("live", true)).toMatchObject({ fresh: true, value: { at: now } });
  });

  it("answers counting when the value is not ready in time, and has it later", async () => {
    let release: () => void = () => {};
    const slow = async (at: number) => {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return compute(at);
    };
    expect(await get("slow", false, 10, slow)).toEqual({ state: "counting" });
    release();
    await computed("slow");
    expect(await get("slow", false, 10, slow)).toMatchObject({ fresh: true });
    expect(runs).toBe(1);
  });

  it("computes a value once however many pages ask for it at the same time", async () => {
    const answers = await Promise.all([get("b"), get("b"), get("b")]);
    expect(answers.map((a) => a.state === "ready" && a.fresh)).toEqual([true, true, true]);
    expect(runs).toBe(1);
  });

  it("keeps at most maxEntries values, dropping the least recently used", async () => {
    for (const key of ["1", "2", "3"]) await get(key);
    await get("1");
    await get("4");
    expect(runs).toBe(4);
    await get("1");
    expect(runs).toBe(4);
    await get("2");
    expect(runs).toBe(5);
  });

  it("keeps showing the last value when recomputing it fails, and says so", async () => {
    await get("c");
    const [opened] = kodiakChain();
    if (opened) await ingestDelivery(ctx.store, opened);
    const failing = async () => {
      throw new Error("store unavailable");
    };
    expect(await get("c", false, 5_000, failing)).toMatchObject({ fresh: false });
    await computed("c");
    expect(errors).toHaveLength(1);
    expect(await get("c", false, 5_000, failing)).toMatchObject({ value: { repositories: 0 } });
  });

  it("a figure whose computation failed is unavailable, and is tried again only after retryMs", async () => {
    let fail = true;
    const flaky = async (at: number) => {
      if (fail) throw new Error("the worker computing this stopped");
      return compute(at);
    };
    expect(await get("d", false, 5_000, flaky)).toEqual({ state: "unavailable" });
    expect(errors).toHaveLength(1);
    fail = false;
    // Not tried again at once: a page reloaded in a loop must not keep a worker failing.
    expect(await get("d", false, 5_000, flaky)).toEqual({ state: "unavailable" });
    expect(runs).toBe(0);
    // retryMs runs on the monotonic clock (perf_hooks), which fake timers do not move.
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    expect(await get("d", false, 5_000, flaky)).toMatchObject({ state: "ready", fresh: true });
    expect(runs).toBe(1);
  });

  it("keeps figures up to date in the background: refresh computes only what is out of date", async () => {
    await cache.refresh("e", compute, false);
    await cache.refresh("e", compute, false);
    expect(runs).toBe(1);
    const [opened] = kodiakChain();
    if (opened) await ingestDelivery(ctx.store, opened);
    await cache.refresh("e", compute, false);
    expect(runs).toBe(2);
    expect(await get("e")).toMatchObject({ value: { repositories: 1 }, fresh: true });
    expect(runs).toBe(2);
  });
});
