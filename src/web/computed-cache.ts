import type { Millis } from "../store/index.js";
import { setBounded } from "./bounded-map.js";

/** A computed value and when it was computed; `fresh` is false while a newer one is being computed. */
export interface Computed<T> {
  value: T;
  computedAt: Millis;
  fresh: boolean;
}

export interface ComputedCacheOptions {
  /** The store's data version: a value computed under another version is out of date. */
  version: () => Promise<string>;
  clock: () => Millis;
  /** At most this many values are kept; the least recently used go first. */
  maxEntries?: number;
  /** Values that depend on the time (pending work "now") are out of date after this long. */
  liveMs?: number;
  /** A computation in the background failed (there was an older value to show meanwhile). */
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
 * computations run one at a time, each in its own turn of the event loop, so webhooks are never
 * kept waiting behind a burst of page views.
 */
export class ComputedCache {
  private readonly entries = new Map<string, Entry>();
  private readonly running = new Map<string, Promise<void>>();
  private tail: Promise<unknown> = Promise.resolve();
  private readonly maxEntries: number;
  private readonly liveMs: number;

  constructor(private readonly options: ComputedCacheOptions) {
    this.maxEntries = options.maxEntries ?? 500;
    this.liveMs = options.liveMs ?? 60_000;
  }

  /**
   * The value for `key`: kept, recomputed in the background, or computed now. Undefined when
   * there is no value yet and it is not ready within `waitMs` (never, with an infinite wait);
   * it keeps being computed.
   */
  async get<T>(
    key: string,
    compute: (now: Millis) => Promise<T>,
    options: { live: boolean; waitMs: number },
  ): Promise<Computed<T> | undefined> {
    const version = await this.options.version();
    const entry = this.entries.get(key);
    if (entry) {
      setBounded(this.entries, key, entry, this.maxEntries);
      const fresh =
        entry.version === version &&
        (!options.live || this.options.clock() - entry.computedAt < this.liveMs);
      if (!fresh) this.start(key, compute).catch((error) => this.options.onError?.(error, key));
      return { value: entry.value as T, computedAt: entry.computedAt, fresh };
    }
    const job = this.start(key, compute);
    let timer: NodeJS.Timeout | undefined;
    const ready =
      options.waitMs === Number.POSITIVE_INFINITY
        ? await job.then(() => true)
        : await Promise.race([
            job.then(() => true),
            new Promise<false>((resolve) => {
              timer = setTimeout(() => resolve(false), options.waitMs);
            }),
          ]).finally(() => clearTimeout(timer));
    if (!ready) {
      job.catch((error) => this.options.onError?.(error, key));
      return undefined;
    }
    const computed = this.entries.get(key);
    return computed && { value: computed.value as T, computedAt: computed.computedAt, fresh: true };
  }

  private start<T>(key: string, compute: (now: Millis) => Promise<T>): Promise<void> {
    let job = this.running.get(key);
    if (job) return job;
    job = this.tail
      .catch(() => {})
      .then(() => new Promise((resolve) => setImmediate(resolve)))
      .then(async () => {
        // The version before computing: a write during it leaves the value out of date.
        const version = await this.options.version();
        const computedAt = this.options.clock();
        const value = await compute(computedAt);
        setBounded(this.entries, key, { value, version, computedAt }, this.maxEntries);
      })
      .finally(() => this.running.delete(key));
    this.running.set(key, job);
    this.tail = job;
    return job;
  }
}
