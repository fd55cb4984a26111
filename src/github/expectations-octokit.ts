import { ProbotOctokit } from "probot";

/** How long one HTTP request to GitHub may take before it is given up and retried. */
const GITHUB_REQUEST_TIMEOUT_MS = 30_000;

interface ThrottledRequest {
  method: string;
  url: string;
  request: { retryCount: number };
}

type OctokitOptions = Record<string, unknown> & {
  throttle?: Record<string, unknown>;
  request?: Record<string, unknown>;
};

/**
 * Probot's Octokit as the server uses it, with two changes. A secondary rate limit is waited
 * out as GitHub asks (twice at most) instead of failing the publish, as Probot's server defaults
 * do; and no request hangs longer than `timeoutMs` (each attempt gets its own deadline, so
 * Octokit's retries still apply).
 */
export function expectationsOctokit(timeoutMs = GITHUB_REQUEST_TIMEOUT_MS): typeof ProbotOctokit {
  const fetchWithDeadline: typeof fetch = (input, init = {}) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    return fetch(input, { ...init, signal });
  };
  return ProbotOctokit.defaults((options: OctokitOptions) => ({
    ...options,
    request: { ...options.request, fetch: fetchWithDeadline },
    throttle: {
      ...options.throttle,
      onSecondaryRateLimit: (
        retryAfter: number,
        request: ThrottledRequest,
        octokit: { log: { warn(message: string): void } },
      ) => {
        octokit.log.warn(
          `GitHub's secondary rate limit on ${request.method} ${request.url}: retrying in ${retryAfter} s`,
        );
        return request.request.retryCount < 2;
      },
    },
  })) as typeof ProbotOctokit;
}
