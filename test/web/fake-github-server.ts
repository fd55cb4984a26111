import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { fileContents } from "../helpers/github/contents.js";

export const CLIENT_ID = "Iv1.dashboard-test";
export const CLIENT_SECRET = "client-secret-for-tests-only";

interface User {
  login: string;
  id: number;
}

export interface RecordedCheckRun {
  id: number;
  name: string;
  head_sha: string;
  external_id: string;
  conclusion?: string;
  details_url?: string;
}

/**
 * GitHub Enterprise Server as far as the dashboard and the app use it, on a real port of
 * 127.0.0.1 (reached through GHE_HOST and GHE_PROTOCOL=http): the OAuth pages a browser is
 * sent to, the user's REST API (one item per page, so paging is exercised), and the app's
 * installation token, config file and check runs. Everything it was asked is recorded.
 */
export async function startFakeGitHub(options: {
  user: User;
  /** The repositories the signed-in user may see, per installation. */
  access: Map<number, number[]>;
  /** `.github/expectations.yml` of each repository ("owner/name"); null: none. */
  config: (repository: string) => string | null;
}) {
  const codes = new Map<string, User>();
  const tokens = new Map<string, User>();
  const requests: string[] = [];
  const revoked: string[] = [];
  const checkRuns: RecordedCheckRun[] = [];
  let sequence = 0;

  const json = (res: ServerResponse, status: number, body: unknown, headers = {}) => {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
    res.end(JSON.stringify(body));
  };
  const body = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  };
  const bearer = (req: IncomingMessage) => {
    const match = /^(?:Bearer|token) (.+)$/.exec(req.headers.authorization ?? "");
    return match ? tokens.get(match[1] as string) : undefined;
  };
  const paged = (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    key: string,
    items: unknown[],
  ) => {
    const page = Number(url.searchParams.get("page") ?? "1");
    const next = new URL(url.toString());
    next.searchParams.set("page", String(page + 1));
    const base = `http://${req.headers.host}`;
    json(
      res,
      200,
      { total_count: items.length, [key]: items.slice(page - 1, page) },
      page < items.length ? { link: `<${base}${next.pathname}${next.search}>; rel="next"` } : {},
    );
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const path = url.pathname;
    requests.push(`${req.method} ${path}`);
    try {
      if (req.method === "GET" && path === "/login/oauth/authorize") {
        // The person approves at once: GitHub sends the browser back with a code and the state.
        const code = randomBytes(12).toString("hex");
        codes.set(code, options.user);
        const back = new URL(url.searchParams.get("redirect_uri") ?? "");
        back.searchParams.set("code", code);
        back.searchParams.set("state", url.searchParams.get("state") ?? "");
        res.writeHead(302, { location: back.toString() });
        res.end();
        return;
      }
      if (req.method === "POST" && path === "/login/oauth/access_token") {
        const { client_id, client_secret, code } = await body(req);
        const user = codes.get(String(code));
        codes.delete(String(code));
        if (client_id !== CLIENT_ID || client_secret !== CLIENT_SECRET || !user) {
          json(res, 200, { error: "bad_verification_code" });
          return;
        }
        const token = `ghu_${randomBytes(16).toString("hex")}`;
        tokens.set(token, user);
        json(res, 200, { access_token: token, token_type: "bearer", scope: "", expires_in: 28800 });
        return;
      }
      if (path === `/api/v3/applications/${CLIENT_ID}/token` && req.method === "DELETE") {
        const expected = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString("base64");
        const { access_token } = await body(req);
        if (req.headers.authorization !== `Basic ${expected}`) return json(res, 401, {});
        tokens.delete(String(access_token));
        revoked.push(String(access_token));
        res.writeHead(204);
        res.end();
        return;
      }
      if (path === "/api/v3/user" || path.startsWith("/api/v3/user/")) {
        const user = bearer(req);
        if (!user) return json(res, 401, { message: "Bad credentials" });
        if (path === "/api/v3/user") return json(res, 200, { login: user.login, id: user.id });
        if (path === "/api/v3/user/installations")
          return paged(
            req,
            res,
            url,
            "installations",
            [...options.access.keys()].map((id) => ({ id, account: { login: "someone" } })),
          );
        const match = /^\/api\/v3\/user\/installations\/(\d+)\/repositories$/.exec(path);
        if (match) {
          const ids = options.access.get(Number(match[1])) ?? [];
          return paged(
            req,
            res,
            url,
            "repositories",
            ids.map((id) => ({ id, full_name: `listed/${id}` })),
          );
        }
      }
      // The app's own API calls (release readiness on deliveries).
      if (req.method === "POST" && /^\/api\/v3\/app\/installations\/\d+\/access_tokens$/.test(path))
        return json(res, 201, { token: "installation-token", expires_at: "2099-01-01T00:00:00Z" });
      const contents =
        /^\/api\/v3\/repos\/([^/]+)\/([^/]+)\/contents\/\.github(?:%2F|\/)expectations\.yml$/.exec(
          path,
        );
      if (req.method === "GET" && contents) {
        const config = options.config(`${contents[1]}/${contents[2]}`);
        if (config === null) return json(res, 404, { message: "Not Found" });
        return json(res, 200, fileContents(config));
      }
      if (req.method === "GET" && /\/commits\/[^/]+\/check-runs$/.test(path)) {
        const sha = path.split("/").at(-2);
        const runs = checkRuns.filter(
          (run) => run.head_sha === sha && run.name === url.searchParams.get("check_name"),
        );
        return json(res, 200, { total_count: runs.length, check_runs: runs });
      }
      if (req.method === "POST" && /^\/api\/v3\/repos\/[^/]+\/[^/]+\/check-runs$/.test(path)) {
        const run = { ...(await body(req)), id: 5000 + ++sequence } as unknown as RecordedCheckRun;
        checkRuns.push(run);
        return json(res, 201, run);
      }
      const patch = /^\/api\/v3\/repos\/[^/]+\/[^/]+\/check-runs\/(\d+)$/.exec(path);
      if (req.method === "PATCH" && patch) {
        const run = checkRuns.find((r) => r.id === Number(patch[1]));
        if (!run) return json(res, 404, { message: "Not Found" });
        Object.assign(run, await body(req));
        return json(res, 200, run);
      }
      json(res, 404, { message: "Not Found" });
    } catch (error) {
      json(res, 500, { message: (error as Error).message });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    host: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    requests,
    revoked,
    checkRuns,
    /** Every token GitHub handed out that still works. */
    liveTokens: () => [...tokens.keys()],
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeGitHub = Awaited<ReturnType<typeof startFakeGitHub>>;
