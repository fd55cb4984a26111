import { performance } from "node:perf_hooks";
import type { Millis } from "../store/index.js";
import { setBounded } from "./bounded-map.js";

/** A computed value and when it was computed; `fresh` is false while a newer one is being computed. */
export interface Computed<T> {
  state: "ready";
  value: T;
  computedAt: Millis;
  fresh: boolean;
}

/**
 * A figure as a page can show it: computed, still being counted (the page reloads itself), or
 * unavailable because computing it failed (logged; tried again after a while, not in a loop).
 */
export type Figure<T> = Computed<T> | { state: "counting" } | { state: "unavailable" };

export interface ComputedCacheOptions {
  /** The store's data version: a value computed under another version is out of date. */
  version: () => Promise<string>;
  clock: () => Millis;
  /** At most this many values are kept; the least recently used go first. */
  maxEntries?: number;
  /** Values that depend on the time (pending work "now") are out of date after this long. */
  liveMs?: number;
  /** After a failed computation, how long the figure is unavailable before a view tries again. */
  retryMs?: number;
  /** A computation failed: called once per failure. */
  onError?: (error: unknown, key: string) => void;
}

interface Entry {
  value: unknown;
  version: string;
  computedAt: Millis;
}

/**
 * Reports and evaluations the dashboard shows, computed from the store once and kept while the
 * store is unchanged, so a page reads a handful of them instead of recomputing a team's week.
 * An out-of-date value is shown (with its time) while the new one is computed in the background;
 * the same value asked for by several pages at once is computed once.
 */
export class ComputedCache {
  private readonly entries = new Map<string, Entry>();
  /** When each figure last failed (monotonic milliseconds). */
  private readonly failures = new Map<string, number>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly maxEntries: number;
  private readonly liveMs: number;
  private readonly retryMs: number;

  constructor(private readonly options: ComputedCacheOptions) {
    this.maxEntries = options.maxEntries ?? 500;
    this.liveMs = options.liveMs ?? 60_000;
    this.retryMs = options.retryMs ?? 60_000;
  }

  /**
   * The value for `key`: kept, recomputed in the background, or computed now and waited for up
   * to `waitMs` (counting when it is not ready by then; it keeps being computed).
   */
  async get<T>(
    key: string,
    compute: (now: Millis) => Promise<T>,
    options: { live: boolean; waitMs: number },
  ): Promise<Figure<T>> {
    const version = await this.options.version();
    const entry = this.entries.get(key);
    if (entry) {
      setBounded(this.entries, key, entry, this.maxEntries);
      const fresh = this.fresh(entry, version, options.live);
      if (!fresh && !this.failedLately(key)) void this.start(key, compute);
      return { state: "ready", value: entry.value as T, computedAt: entry.computedAt, fresh };
    }
    if (this.failedLately(key)) return { state: "unavailable" };
    const job = this.start(key, compute);
    // No wait at all: what was not computed before is counting, however fast it turns out.
    if (options.waitMs > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        job,
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, options.waitMs);
        }),
      ]).finally(() => clearTimeout(timer));
    }
    const computed = this.entries.get(key);
    if (computed)
      return {
        state: "ready",
        value: computed.value as T,
        computedAt: computed.computedAt,
        fresh: true,
      };
    return this.failures.has(key) ? { state: "unavailable" } : { state: "counting" };
  }

  /**
   * Computes `key` again unless its value is fresh, being computed, or failed lately; resolves
   * when that is done (for keeping figures up to date in the background).
   */
  async refresh<T>(
    key: string,
    compute: (now: Millis) => Promise<T>,
    live: boolean,
  ): Promise<void> {
    const entry = this.entries.get(key);
    if (entry && this.fresh(entry, await this.options.version(), live)) return;
    if (this.failedLately(key)) return;
    await this.start(key, compute);
  }

  private fresh(entry: Entry, version: string, live: boolean): boolean {
    return (
      entry.version === version && (!live || this.options.clock() - entry.computedAt < this.liveMs)
    );
  }

  private failedLately(key: string): boolean {
    const failedAt = this.failures.get(key);
    return failedAt !== undefined && performance.now() - failedAt < this.retryMs;
  }

  /** Computes `key` once however many ask; never rejects (a failure is kept and reported). */
  private start<T>(key: string, compute: (now: Millis) => Promise<T>): Promise<void> {
    let job = this.running.get(key);
    if (job) return job;
    this.failures.delete(key);
    job = (async () => {
      try {
        // The version before computing: a write during it leaves the value out of date.
        const version = await this.options.version();
        const computedAt = this.options.clock();
        const value = await compute(computedAt);
        setBounded(this.entries, key, { value, version, computedAt }, this.maxEntries);
        this.failures.delete(key);
      } catch (error) {
        setBounded(this.failures, key, performance.now(), this.maxEntries);
        this.options.onError?.(error, key);
      } finally {
        this.running.delete(key);
      }
    })();
    this.running.set(key, job);
    return job;
  }
}
