import type { RateLimit } from "./graphql-replies.js";

/** GitHub's budget is used up until `resetAt` and waiting that long was not accepted. */
export class RateLimitedError extends Error {
  override readonly name = "RateLimitedError";
  constructor(readonly resetAt: Date) {
    super(
      `GitHub's rate limit for these credentials is used up until ${resetAt.toISOString()}; the backfill kept every page it finished and continues from there when run again`,
    );
  }
}

export interface RateLimitBudgetOptions {
  clock: () => Date;
  /** How to wait; tests pass one that returns at once. */
  sleep: (ms: number) => Promise<void>;
  /** Points left untouched for whatever else uses the same credentials (default 100). */
  reserve?: number;
  /** The longest pause accepted before giving up with RateLimitedError (default 65 minutes). */
  maxWaitMs?: number;
  onPause?: (pause: { until: Date; remaining: number }) => void;
}

export interface BudgetUse {
  requests: number;
  points: number;
  remaining: number | null;
  resetAt: Date | null;
}

export interface RateLimitBudget {
  /**
   * Sends one GraphQL request. Pauses first until the reset when the last answer left fewer
   * points than this request may cost plus the reserve; if GitHub answers "rate limited"
   * anyway, pauses until its reset and sends it again.
   */
  graphql<T extends { rateLimit?: RateLimit | null }>(send: () => Promise<T>): Promise<T>;
  use(): BudgetUse;
}

interface ErrorWithResponse {
  status?: number;
  errors?: { type?: string }[];
  headers?: Record<string, string | number | undefined>;
  response?: { headers?: Record<string, string | number | undefined> };
}

/** When a rate-limit error says the budget is back, or null for any other error. */
function rateLimitReset(error: unknown, now: Date, lastReset: Date | null): Date | null {
  if (typeof error !== "object" || error === null) return null;
  const e = error as ErrorWithResponse;
  const headers = e.response?.headers ?? e.headers ?? {};
  const header = (name: string) => {
    const value = headers[name];
    return value === undefined ? undefined : Number(value);
  };
  const graphqlLimited = e.errors?.some((item) => item.type === "RATE_LIMITED") ?? false;
  const restLimited =
    (e.status === 403 || e.status === 429) && header("x-ratelimit-remaining") === 0;
  const retryAfter = header("retry-after");
  if (!graphqlLimited && !restLimited) {
    // A secondary rate limit asks to wait a little, not for the hourly reset.
    if ((e.status === 403 || e.status === 429) && retryAfter !== undefined)
      return new Date(now.getTime() + retryAfter * 1000);
    return null;
  }
  const reset = header("x-ratelimit-reset");
  if (reset !== undefined && !Number.isNaN(reset)) return new Date(reset * 1000);
  return lastReset ?? new Date(now.getTime() + 60_000);
}

const MAX_RATE_LIMITED_RETRIES = 3;

export function createRateLimitBudget(options: RateLimitBudgetOptions): RateLimitBudget {
  const { clock, sleep, onPause } = options;
  const reserve = options.reserve ?? 100;
  const maxWaitMs = options.maxWaitMs ?? 65 * 60_000;
  const state: BudgetUse = { requests: 0, points: 0, remaining: null, resetAt: null };
  let highestCost = 1;

  async function pauseUntil(until: Date): Promise<void> {
    // A second past the reset: GitHub's clock and ours may disagree by a little.
    const wait = until.getTime() + 1000 - clock().getTime();
    if (wait <= 0) return;
    if (wait > maxWaitMs) throw new RateLimitedError(until);
    onPause?.({ until, remaining: state.remaining ?? 0 });
    await sleep(wait);
    state.remaining = null;
  }

  return {
    async graphql(send) {
      if (
        state.remaining !== null &&
        state.resetAt !== null &&
        state.remaining - highestCost < reserve
      )
        await pauseUntil(state.resetAt);
      for (let attempt = 0; ; attempt++) {
        try {
          state.requests += 1;
          const data = await send();
          const limit = data.rateLimit;
          if (limit) {
            state.points += limit.cost;
            state.remaining = limit.remaining;
            state.resetAt = new Date(limit.resetAt);
            highestCost = Math.max(highestCost, limit.cost);
          }
          return data;
        } catch (error) {
          const reset = rateLimitReset(error, clock(), state.resetAt);
          if (!reset || attempt >= MAX_RATE_LIMITED_RETRIES) {
            if (reset) throw new RateLimitedError(reset);
            throw error;
          }
          state.remaining = 0;
          await pauseUntil(reset);
        }
      }
    },
    use: () => ({ ...state }),
  };
}
