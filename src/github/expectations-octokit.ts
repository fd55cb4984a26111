import { ProbotOctokit } from "probot";
import { noTelemetry, type Telemetry } from "../telemetry/index.js";

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
  auth?: { installationId?: unknown };
};

type Headers = Record<string, string | number | undefined> | undefined;

interface HookedOctokit {
  hook: {
    after(name: "request", hook: (response: { headers: Headers }) => void): void;
    error(name: "request", hook: (error: { response?: { headers: Headers } }) => never): void;
  };
}

/**
 * Tells `telemetry` how many requests GitHub says each installation (or the app) has left, from
 * the headers of every answer, errors included.
 */
function rateLimitReporter(telemetry: Telemetry) {
  return (octokit: HookedOctokit, options: OctokitOptions) => {
    const id = options.auth?.installationId;
    const installationId = typeof id === "number" ? id : null;
    const report = (headers: Headers) => {
      const remaining = Number(headers?.["x-ratelimit-remaining"]);
      if (headers?.["x-ratelimit-remaining"] !== undefined && Number.isFinite(remaining))
        telemetry.rateLimit(installationId, remaining);
    };
    octokit.hook.after("request", (response) => report(response.headers));
    octokit.hook.error("request", (error) => {
      report(error.response?.headers);
      throw error;
    });
  };
}

/**
 * Probot's Octokit as the server uses it, with three changes. A secondary rate limit is waited
 * out as GitHub asks (twice at most) instead of failing the publish, as Probot's server defaults
 * do; no request hangs longer than `timeoutMs` (each attempt gets its own deadline, so
 * Octokit's retries still apply); and the rate limit left is told to `telemetry`.
 */
export function expectationsOctokit(
  timeoutMs = GITHUB_REQUEST_TIMEOUT_MS,
  telemetry: Telemetry = noTelemetry,
): typeof ProbotOctokit {
  const fetchWithDeadline: typeof fetch = (input, init = {}) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    return fetch(input, { ...init, signal });
  };
  const Reporting = ProbotOctokit.plugin(
    rateLimitReporter(telemetry) as unknown as Parameters<typeof ProbotOctokit.plugin>[0],
  );
  return Reporting.defaults((options: OctokitOptions) => ({
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
