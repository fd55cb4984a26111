import { createServer, type IncomingMessage } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";

export interface LocalWrite {
  method: string;
  path: string;
  /** The installation whose token sent it. */
  installationId: number;
  body: Record<string, unknown>;
  /** What GitHub answered: the created id, when it created something. */
  id: number | null;
}

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString();
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/**
 * GitHub Enterprise Server's REST API on a loopback port, for a server in a child process
 * (nock cannot reach into it): installation tokens, no config files, the check runs and issues
 * created so far listed back as GitHub lists them (so a publisher can find one again), and
 * writes that succeed after `latencyMs` like GitHub's. Every write is recorded.
 */
export async function startLocalGitHub(latencyMs: number): Promise<{
  host: string;
  writes: LocalWrite[];
  stop: () => Promise<void>;
}> {
  const writes: LocalWrite[] = [];
  let nextId = 1;
  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    await sleep(latencyMs);
    const path = new URL(request.url ?? "/", "http://localhost").pathname.replace(/^\/api\/v3/, "");
    const answer = (status: number, value?: unknown) => {
      response.writeHead(status, { "content-type": "application/json; charset=utf-8" });
      response.end(value === undefined ? "" : JSON.stringify(value));
    };
    const token = /^(?:token|bearer) ghs_(\d+)$/i.exec(request.headers.authorization ?? "");
    const tokenFor = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path);
    if (request.method === "POST" && tokenFor)
      return answer(201, {
        token: `ghs_${tokenFor[1]}`,
        expires_at: "2099-01-01T00:00:00Z",
        permissions: { checks: "write", issues: "write", contents: "read" },
        repository_selection: "all",
      });
    if (request.method === "GET") {
      if (path.includes("/contents/")) return answer(404, { message: "Not Found" });
      const runsOf = /^(\/repos\/[^/]+\/[^/]+)\/commits\/([^/]+)\/check-runs$/.exec(path);
      if (runsOf) {
        const runs = writes
          .filter(
            (w) =>
              w.method === "POST" &&
              w.path === `${runsOf[1]}/check-runs` &&
              w.body.head_sha === runsOf[2],
          )
          .map((w) => ({ id: w.id, name: w.body.name, external_id: w.body.external_id }));
        return answer(200, { total_count: runs.length, check_runs: runs });
      }
      if (/^\/repos\/[^/]+\/[^/]+\/issues$/.test(path)) {
        const issues = writes
          .filter((w) => w.method === "POST" && w.path === path)
          .map((created) => {
            // As edited since: the latest body and state.
            const edits = writes.filter(
              (w) => w.method === "PATCH" && w.path === `${path}/${created.id}`,
            );
            return Object.assign(
              { number: created.id, body: created.body.body, state: "open" },
              ...edits.map((e) => e.body),
            );
          });
        return answer(200, issues);
      }
      return answer(200, []);
    }
    const created = request.method === "POST" ? nextId++ : null;
    writes.push({
      method: request.method ?? "",
      path,
      installationId: Number(token?.[1] ?? 0),
      body,
      id: created,
    });
    if (request.method === "DELETE") return answer(204);
    return answer(created === null ? 200 : 201, { ...body, id: created, number: created });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    host: `127.0.0.1:${port}`,
    writes,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
