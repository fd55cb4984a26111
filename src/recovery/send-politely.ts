import type { AppResponse } from "./app-request.js";

/** GitHub asked to wait longer than this run may: what is left is asked on the next run. */
export class GitHubBusyError extends Error {
  override readonly name = "GitHubBusyError";
  constructor(readonly until: Date) {
    super(
      `GitHub's rate limit asks to wait until ${until.toISOString()}; what is left is asked for on the next run`,
    );
  }
}

export interface PoliteOptions {
  clock: () => Date;
  sleep: (ms: number) => Promise<void>;
  /** The longest wait accepted (the rest of the run's time). */
  maxWaitMs: number;
  /** How many times one request is sent again after being told to wait (default 3). */
  retries?: number;
}

/**
 * How long GitHub asks to wait after a 403 or 429: `retry-after` seconds (a secondary rate
 * limit), or until `x-ratelimit-reset` when none are left; null for any other answer (a 403
 * that is a refusal, not a limit).
 */
export function rateLimitWait(response: AppResponse, now: Date): number | null {
  if (response.status !== 403 && response.status !== 429) return null;
  const retryAfter = Number(response.header("retry-after"));
  if (response.header("retry-after") !== null && Number.isFinite(retryAfter) && retryAfter >= 0)
    return retryAfter * 1000;
  if (response.header("x-ratelimit-remaining") === "0") {
    const reset = Number(response.header("x-ratelimit-reset"));
    // A second past the reset: GitHub's clock and ours may disagree by a little.
    if (Number.isFinite(reset)) return Math.max(0, reset * 1000 - now.getTime() + 1000);
    return 60_000;
  }
  return response.status === 429 ? 60_000 : null;
}

/**
 * Sends a request, and again after waiting as GitHub asks when it answers 403/429 for a rate
 * limit (a few times at most). A wait longer than `maxWaitMs` is not waited: GitHubBusyError.
 */
export async function sendPolitely(
  send: () => Promise<AppResponse>,
  options: PoliteOptions,
): Promise<AppResponse> {
  const retries = options.retries ?? 3;
  for (let attempt = 0; ; attempt++) {
    const response = await send();
    const wait = rateLimitWait(response, options.clock());
    if (wait === null) return response;
    const until = new Date(options.clock().getTime() + wait);
    if (attempt >= retries || wait > options.maxWaitMs) throw new GitHubBusyError(until);
    await options.sleep(wait);
  }
}
