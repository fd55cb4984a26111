interface ErrorShape {
  name?: string;
  message?: string;
  status?: number;
  code?: string;
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

function networkCode(error: unknown): string | undefined {
  let current = error as ErrorShape | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current.code && NETWORK_CODES.has(current.code)) return current.code;
    current = current.cause as ErrorShape | undefined;
  }
  return undefined;
}

/**
 * One line a person can act on, for any error the commands meet: GitHub's answers (bad
 * credentials, not found, no permission, GraphQL errors), an unreachable host, or our own.
 */
export function describeError(error: unknown): string {
  const e = (typeof error === "object" && error !== null ? error : {}) as ErrorShape;
  const message = firstLine(e.message ?? String(error));
  // Octokit reports a network failure as a 500 whose causes hold the system error.
  const code = networkCode(error);
  if (code) return `cannot reach GitHub (${code}): check GHE_HOST, the network or the proxy`;
  if (e.name === "GraphqlResponseError" && Array.isArray(e.errors)) {
    return `GitHub's GraphQL API answered: ${e.errors.map((item) => firstLine(item.message)).join("; ")}`;
  }
  if (e.name === "HttpError" || (typeof e.status === "number" && e.request)) {
    const where = `${e.request?.method ?? ""} ${requestPath(e.request?.url)}`.trim();
    if (e.status === 401)
      return "GitHub refused the credentials (401 Bad credentials): check GITHUB_TOKEN, or the app's APP_ID and PRIVATE_KEY";
    if (e.status === 403)
      return `GitHub denied ${where} (403: ${message}): the token or the app lacks a permission, or a rate limit was hit`;
    if (e.status === 404)
      return `GitHub has no ${requestPath(e.request?.url)}, or these credentials cannot see it (404)`;
    if (e.status === 500 || (e.status ?? 0) >= 502)
      return `GitHub answered ${e.status} to ${where}; try again in a few minutes (finished pages are kept)`;
    return `GitHub answered ${e.status} to ${where}: ${message}`;
  }
  return message;
}
