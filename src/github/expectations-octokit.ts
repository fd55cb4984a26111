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
  log?: { warn(message: string): void };
  auth?: { installationId?: unknown };
};

/** `POST /repos/o/r/check-runs`, for a log line (never the query string). */
function requestName(input: Parameters<typeof fetch>[0], init: RequestInit): string {
  const url = input instanceof Request ? input.url : String(input);
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {}
  return `${init.method ?? "GET"} ${path}`;
}

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
 * Probot's Octokit as the server uses it, with four changes. A secondary rate limit is waited
 * out as GitHub asks (twice at most) instead of failing the publish, as Probot's server defaults
 * do; no request hangs longer than `timeoutMs` (each attempt gets its own deadline, so Octokit's
 * retries still apply); each attempt that fails (no answer, or a 5xx) is logged as a warning
 * when it happens, not minutes later when the retries give up; and the rate limit left is told
 * to `telemetry`.
 */
export function expectationsOctokit(
  timeoutMs = GITHUB_REQUEST_TIMEOUT_MS,
  telemetry: Telemetry = noTelemetry,
): typeof ProbotOctokit {
  // Each attempt that fails is logged at once (Octokit's retries can take minutes to give up).
  const fetchWithDeadline =
    (log: OctokitOptions["log"]): typeof fetch =>
    async (input, init = {}) => {
      const deadline = AbortSignal.timeout(timeoutMs);
      const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
      try {
        const response = await fetch(input, { ...init, signal });
        if (response.status >= 500)
          log?.warn(`GitHub answered ${response.status} to ${requestName(input, init)}`);
        return response;
      } catch (error) {
        const reason = deadline.aborted
          ? `no answer within ${timeoutMs / 1000} s`
          : ((error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message);
        log?.warn(`GitHub did not answer ${requestName(input, init)} (${reason})`);
        throw error;
      }
    };
  const Reporting = ProbotOctokit.plugin(
    rateLimitReporter(telemetry) as unknown as Parameters<typeof ProbotOctokit.plugin>[0],
  );
  return Reporting.defaults((options: OctokitOptions) => ({
    ...options,
    request: { ...options.request, fetch: fetchWithDeadline(options.log) },
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
