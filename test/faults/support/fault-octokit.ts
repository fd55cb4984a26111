import Bottleneck from "bottleneck";
import { ProbotOctokit } from "probot";

/** Each attempt gets its own deadline, so a retry is not born already timed out. */
export function fetchWithDeadline(ms: number): typeof fetch {
  return (input, init) =>
    fetch(input, {
      ...init,
      signal: init?.signal
        ? AbortSignal.any([init.signal, AbortSignal.timeout(ms)])
        : AbortSignal.timeout(ms),
    });
}

/**
 * Probot's Octokit with retries and throttling on, as in production, but with delays in
 * milliseconds instead of seconds (`retryAfterBaseValue: 1`) and no pause between writes
 * (GitHub's pacing of content-creating requests is one per second, or three for issues).
 */
export function faultOctokit(options: {
  attemptTimeoutMs: number;
  /** Probot's own app setting only logs a secondary rate limit; it does not wait and retry. */
  retrySecondaryRateLimit?: boolean;
}) {
  const retrySecondary = options.retrySecondaryRateLimit ?? true;
  const Octokit = ProbotOctokit.defaults({
    retry: { enabled: true, retryAfterBaseValue: 1 },
    throttle: {
      enabled: true,
      retryAfterBaseValue: 1,
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
      notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
      onSecondaryRateLimit: (
        _after: number,
        _options: unknown,
        _octokit: unknown,
        retryCount: number,
      ) => retrySecondary && retryCount < 2,
      onRateLimit: (_after: number, _options: unknown, _octokit: unknown, retryCount: number) =>
        retryCount < 2,
    },
    request: { fetch: fetchWithDeadline(options.attemptTimeoutMs) },
  });
  return new Octokit({ auth: { token: "test-installation-token" } });
}
