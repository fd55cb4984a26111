import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { FakeGitHub, type FakeGitHubOptions } from "./fake-github.js";
import { parsedBody, splitUri } from "./github-request.js";

/** A fake GitHub listening on 127.0.0.1: the app reaches it through GHE_HOST and GHE_PROTOCOL. */
export interface GitHubServer {
  /** `127.0.0.1:<port>`: the app's `GHE_HOST` (with `GHE_PROTOCOL=http`). */
  host: string;
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Every request received: `METHOD /path` as sent (with `/api/v3`). */
  requests: string[];
  stop: () => Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return parsedBody(Buffer.concat(chunks).toString("utf8"));
}

/** Serves `github` on a free port of 127.0.0.1, as an Enterprise Server (REST under `/api/v3`). */
export async function startGitHubServer(github: FakeGitHub): Promise<GitHubServer> {
  const requests: string[] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? "GET";
    requests.push(`${method} ${new URL(req.url ?? "/", "http://github.invalid").pathname}`);
    const reply = await github.answer({
      method,
      ...splitUri(req.url ?? "/"),
      headers: req.headers,
      body: await readBody(req),
    });
    res.writeHead(reply.status, {
      "content-type": "application/json; charset=utf-8",
      ...reply.headers,
    });
    res.end(reply.body === undefined ? "" : JSON.stringify(reply.body));
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ message: (error as Error).message }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    host,
    url: `http://${host}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A fake GitHub (as `new FakeGitHub(options)`) served on 127.0.0.1 by `startGitHubServer`. */
export async function startFakeGitHub(
  options: FakeGitHubOptions = {},
): Promise<FakeGitHub & GitHubServer> {
  const github = new FakeGitHub(options);
  return Object.assign(github, await startGitHubServer(github));
}
