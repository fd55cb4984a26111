/** GitHub's answer to one request, whatever its status. */
export interface AppResponse {
  status: number;
  header(name: string): string | null;
  /** The JSON body, or null when there is none. */
  body: unknown;
}

/** One request to GitHub's REST API as the App itself (its JWT). */
export type AppRequest = (method: "GET" | "POST", path: string) => Promise<AppResponse>;

const TIMEOUT_MS = 30_000;
/** A JWT is good for ten minutes; one is used for half that, then a new one is made. */
const TOKEN_REUSE_MS = 5 * 60_000;

/**
 * Requests as the App: `token` makes a JWT (Probot's `auth({ type: "app" })`, reused for five
 * minutes), `baseUrl`
 * is GitHub's REST API (`https://api.github.com`, or `<GHE_HOST>/api/v3`). Each request has a
 * deadline; statuses are answers, not errors (the caller decides), a body that is not JSON
 * where JSON was promised is one.
 */
export function appRequest(options: {
  baseUrl: string;
  token: () => Promise<string>;
  timeoutMs?: number;
}): AppRequest {
  const base = options.baseUrl.replace(/\/+$/, "");
  let token: { value: Promise<string>; madeAt: number } | null = null;
  const currentToken = () => {
    if (!token || Date.now() - token.madeAt > TOKEN_REUSE_MS) {
      const value = options.token();
      token = { value, madeAt: Date.now() };
      // A token that could not be made is not kept.
      value.catch(() => {
        token = null;
      });
    }
    return token.value;
  };
  return async (method, path) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        accept: "application/vnd.github+json",
        authorization: `Bearer ${await currentToken()}`,
        "x-github-api-version": "2022-11-28",
        "user-agent": "probot-expectations",
      },
      signal: AbortSignal.timeout(options.timeoutMs ?? TIMEOUT_MS),
    });
    const text = await response.text();
    let body: unknown = null;
    if (text.trim() !== "") {
      try {
        body = JSON.parse(text);
      } catch {
        throw new Error(
          `GitHub answered ${method} ${path} with ${response.status} and a body that is not JSON`,
        );
      }
    }
    return { status: response.status, header: (name) => response.headers.get(name), body };
  };
}
