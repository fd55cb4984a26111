import { randomBytes } from "node:crypto";
import type { FakeGitHub } from "./fake-github.js";
import type { GitHubReply, GitHubRequest } from "./github-request.js";

export const CLIENT_ID = "Iv1.dashboard-test";
export const CLIENT_SECRET = "client-secret-for-tests-only";

export interface SignedInUser {
  login: string;
  id: number;
}

const json = (status: number, body: unknown, headers?: Record<string, string>): GitHubReply => ({
  status,
  body,
  ...(headers ? { headers } : {}),
});

/** One item per page, so that paging is exercised; `next` linked as GitHub links it. */
function paged(request: GitHubRequest, key: string, items: unknown[]): GitHubReply {
  const page = Number(request.query.get("page") ?? "1");
  const next = new URLSearchParams(request.query);
  next.set("page", String(page + 1));
  const link = `<http://${request.headers.host}${request.sentPath}?${next}>; rel="next"`;
  return json(
    200,
    { total_count: items.length, [key]: items.slice(page - 1, page) },
    page < items.length ? { link } : undefined,
  );
}

/**
 * Signing in with GitHub on `github`: the OAuth pages a browser is sent to (the person approves
 * at once), the user's token and its revocation, and the user's REST API (who they are, the
 * installations and repositories they may see, per installation in `access`).
 */
export function signInWithGitHub(
  github: FakeGitHub,
  options: { user: SignedInUser; access: Map<number, number[]> },
) {
  const codes = new Map<string, SignedInUser>();
  const tokens = new Map<string, SignedInUser>();
  const revoked: string[] = [];
  const bearer = (request: GitHubRequest) => {
    const match = /^(?:Bearer|token) (.+)$/.exec(request.headers.authorization ?? "");
    return match ? tokens.get(match[1] as string) : undefined;
  };
  const signedIn =
    (answer: (user: SignedInUser, request: GitHubRequest) => GitHubReply) =>
    (request: GitHubRequest) => {
      const user = bearer(request);
      return user ? answer(user, request) : json(401, { message: "Bad credentials" });
    };

  github.route("GET", /^\/login\/oauth\/authorize$/, (request) => {
    // GitHub sends the browser back with a code and the state.
    const code = randomBytes(12).toString("hex");
    codes.set(code, options.user);
    const back = new URL(request.query.get("redirect_uri") ?? "");
    back.searchParams.set("code", code);
    back.searchParams.set("state", request.query.get("state") ?? "");
    return { status: 302, headers: { location: back.toString() } };
  });
  github.route("POST", /^\/login\/oauth\/access_token$/, (request) => {
    const { client_id, client_secret, code } = request.body as Record<string, unknown>;
    const user = codes.get(String(code));
    codes.delete(String(code));
    if (client_id !== CLIENT_ID || client_secret !== CLIENT_SECRET || !user)
      return json(200, { error: "bad_verification_code" });
    const token = `ghu_${randomBytes(16).toString("hex")}`;
    tokens.set(token, user);
    return json(200, { access_token: token, token_type: "bearer", scope: "", expires_in: 28800 });
  });
  github.route("DELETE", new RegExp(`^/applications/${CLIENT_ID}/token$`), (request) => {
    const expected = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString("base64");
    if (request.headers.authorization !== `Basic ${expected}`) return json(401, {});
    const { access_token } = request.body as Record<string, unknown>;
    tokens.delete(String(access_token));
    revoked.push(String(access_token));
    return { status: 204 };
  });
  github.route(
    "GET",
    /^\/user$/,
    signedIn((user) => json(200, { login: user.login, id: user.id })),
  );
  github.route(
    "GET",
    /^\/user\/installations$/,
    signedIn((_user, request) =>
      paged(
        request,
        "installations",
        [...options.access.keys()].map((id) => ({ id, account: { login: "someone" } })),
      ),
    ),
  );
  github.route(
    "GET",
    /^\/user\/installations\/\d+\/repositories$/,
    signedIn((_user, request) => {
      const ids = options.access.get(Number(request.path.split("/").at(-2))) ?? [];
      const repositories = ids.map((id) => ({ id, full_name: `listed/${id}` }));
      return paged(request, "repositories", repositories);
    }),
  );
  return {
    /** Every token revoked, in order. */
    revoked,
    /** Every token GitHub handed out that still works. */
    liveTokens: () => [...tokens.keys()],
  };
}
