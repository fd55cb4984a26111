import { SettingError } from "../settings/index.js";

interface ErrorShape {
  name?: string;
  message?: string;
  status?: number;
  code?: string;
  syscall?: string;
  path?: string;
  address?: string;
  port?: number;
  request?: { method?: string; url?: string };
  errors?: { message?: string }[];
  cause?: unknown;
}

function firstLine(text: string | undefined): string {
  return (text ?? "").split("\n")[0]?.trim() ?? "";
}

function requestPath(url: string | undefined): string {
  if (!url) return "";
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

const NETWORK_CODES = new Set([
  "ENOTFOUND",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "ECONNRESET",
  "EAI_AGAIN",
]);

/** The system error under `error` that says a host could not be reached, if there is one. */
function networkCause(error: unknown): ErrorShape | undefined {
  let current = error as ErrorShape | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current.code && NETWORK_CODES.has(current.code)) return current;
    current = current.cause as ErrorShape | undefined;
  }
  return undefined;
}

/** A reply from GitHub's REST API through Octokit, or its failure to get one. */
function isGitHubRequest(e: ErrorShape): boolean {
  return e.name === "HttpError" || (typeof e.status === "number" && e.request !== undefined);
}

function describeGitHubError(e: ErrorShape, message: string): string {
  if (networkCause(e))
    return `cannot reach GitHub (${networkCause(e)?.code}): check GHE_HOST, the network or the proxy`;
  const where = `${e.request?.method ?? ""} ${requestPath(e.request?.url)}`.trim();
  if (e.status === 401)
    return "GitHub refused the credentials (401 Bad credentials): check GITHUB_TOKEN, or the app's APP_ID and PRIVATE_KEY";
  if (e.status === 403)
    return `GitHub denied ${where} (403: ${message}): the token or the app lacks a permission, or a rate limit was hit`;
  if (e.status === 404)
    return `GitHub has no ${requestPath(e.request?.url)}, or these credentials cannot see it (404)`;
  if (e.status === 500 || (e.status ?? 0) >= 502)
    return `GitHub answered ${e.status} to ${where}; try again in a few minutes`;
  return `GitHub answered ${e.status} to ${where}: ${message}`;
}

/**
 * One line a person can act on, naming the system that failed: GitHub's answers (bad
 * credentials, not found, no permission, GraphQL errors) or GitHub out of reach; a setting the
 * app cannot work with (the database it names included); a file that cannot be read or
 * written; another host out of reach; or our own errors.
 */
export function describeError(error: unknown): string {
  if (error instanceof SettingError) return error.message;
  const e = (typeof error === "object" && error !== null ? error : {}) as ErrorShape;
  const message = firstLine(e.message ?? String(error));
  if (e.name === "GraphqlResponseError" && Array.isArray(e.errors))
    return `GitHub's GraphQL API answered: ${e.errors.map((item) => firstLine(item.message)).join("; ")}`;
  if (isGitHubRequest(e)) return describeGitHubError(e, message);
  if (e.syscall && e.path && e.code) return `cannot ${e.syscall} ${e.path} (${e.code})`;
  const network = networkCause(error);
  if (network)
    return `cannot reach ${network.address ? `${network.address}:${network.port}` : "a host"} (${network.code}): ${message}`;
  return message;
}
