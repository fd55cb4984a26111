import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { BENCH_WEBHOOK_SECRET, signBody, throwawayPrivateKey } from "../../../bench/signing.js";
import { kodiakChain } from "../../helpers/fixtures.js";
import { freePort } from "../../helpers/probot-server.js";
import { startServe } from "../support/serve-command.js";

const dir = mkdtempSync(join(tmpdir(), "expectations-proxy-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A smee.io channel on a loopback port: server-sent events to whoever listens. */
async function localChannel() {
  const listeners: ServerResponse[] = [];
  const server = createServer((request, response) => {
    if (request.method !== "GET") return response.writeHead(405).end();
    response.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-cache",
      connection: "keep-alive",
    });
    response.write(": ready\n\n");
    listeners.push(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/channel`,
    listeners: () => listeners.length,
    /** What smee.io sends for a delivery: its headers and its body as one JSON message. */
    send: (message: Record<string, unknown>) => {
      for (const listener of listeners) listener.write(`data: ${JSON.stringify(message)}\n\n`);
    },
    stop: async () => {
      for (const listener of listeners) listener.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** What `serve` needs, taking deliveries from the channel at `proxyUrl`. */
async function proxiedServer(database: string, proxyUrl: string): Promise<Record<string, string>> {
  return {
    APP_ID: "12345",
    PRIVATE_KEY: throwawayPrivateKey(),
    WEBHOOK_SECRET: BENCH_WEBHOOK_SECRET,
    HOST: "127.0.0.1",
    PORT: String(await freePort()),
    DATABASE_PATH: join(dir, database),
    WEBHOOK_PROXY_URL: proxyUrl,
  };
}

describe("WEBHOOK_PROXY_URL", () => {
  it("forwards a delivery from the channel to the server, which records it", async () => {
    const channel = await localChannel();
    const child = startServe(
      {
        ...(await proxiedServer("proxy.db", channel.url)),
        LOG_FORMAT: "json",
        // Nothing may reach GitHub from here: publications fail fast.
        GHE_HOST: `127.0.0.1:${await freePort()}`,
        GHE_PROTOCOL: "http",
      },
      dir,
    );
    try {
      expect(await child.listening()).toBe(true);
      while (channel.listeners() === 0) await sleep(50);
      const [opened] = kodiakChain();
      const body = opened?.payload as Record<string, unknown>;
      channel.send({
        "x-github-event": "pull_request",
        "x-github-delivery": "proxied-1",
        "x-hub-signature-256": signBody(JSON.stringify(body)),
        body,
      });
      const deadline = performance.now() + 10_000;
      const answered = () =>
        child
          .stdout()
          .split("\n")
          .some((line) => line.includes('"delivery":"proxied-1"') && line.includes(" 200 "));
      while (!answered() && performance.now() < deadline) await sleep(50);
      expect(answered()).toBe(true);
    } finally {
      child.process.kill("SIGTERM");
      await child.exited;
      await channel.stop();
    }
  });

  it("a channel that cannot be reached stops the start: exit 2, one line naming it", async () => {
    const closed = `http://127.0.0.1:${await freePort()}/channel`;
    const child = startServe(await proxiedServer("closed.db", closed), dir);
    const timer = setTimeout(() => child.process.kill("SIGKILL"), 20_000);
    const { code } = await child.exited;
    clearTimeout(timer);
    expect(code).toBe(2);
    expect(child.stderr()).toMatch(
      new RegExp(`^expectations: WEBHOOK_PROXY_URL: deliveries cannot be taken from ${closed}`),
    );
    expect(child.stderr().trim().split("\n")).toHaveLength(1);
  });
});
