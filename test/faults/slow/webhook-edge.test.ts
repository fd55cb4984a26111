import { connect } from "node:net";
import { join } from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../../../bench/node-child.js";
import { MB, processRss } from "../../../bench/process-rss.js";
import { serverEnvironment, signBody, throwawayPrivateKey } from "../../../bench/signing.js";
import { tempDir } from "../../../bench/temp-dir.js";
import { kodiakChain } from "../../helpers/fixtures.js";
import { tempDatabase } from "../../helpers/temp-postgres.js";
import { startServe } from "../support/serve-command.js";

const privateKey = throwawayPrivateKey();
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** `expectations serve` on SQLite, or on the PostgreSQL database at `databaseUrl`. */
async function serve(databaseUrl?: string) {
  const dir = tempDir("webhook-edge");
  cleanups.push(dir.remove);
  const env = {
    ...serverEnvironment({
      port: await freePort(),
      databasePath: join(dir.path, "expectations.db"),
      privateKey,
      logLevel: "info",
    }),
    // GitHub is never reached: the deliveries here publish nothing worth waiting for.
    GHE_HOST: "127.0.0.1:9",
    GHE_PROTOCOL: "http",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
  const child = startServe(env, dir.path);
  cleanups.push(() => {
    child.process.kill("SIGKILL");
  });
  expect(await child.listening()).toBe(true);
  return child;
}

const opened = () => {
  const [first] = kodiakChain();
  return JSON.stringify(first?.payload);
};

/** A signed delivery: its status and how long the answer took. */
async function deliver(url: string, id: string, body: string) {
  const started = Date.now();
  const response = await fetch(`${url}/api/github/webhooks`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": "pull_request",
      "x-github-delivery": id,
      "x-hub-signature-256": signBody(body),
    },
    body,
  });
  await response.arrayBuffer();
  return { status: response.status, ms: Date.now() - started };
}

/** The head of a POST to the webhook route, signed for another body than the one that follows. */
function unsignedHead(delivery: string, length: string): string {
  return [
    "POST /api/github/webhooks HTTP/1.1",
    "Host: 127.0.0.1",
    "Content-Type: application/json",
    "X-GitHub-Event: pull_request",
    `X-GitHub-Delivery: ${delivery}-${Math.random()}`,
    `X-Hub-Signature-256: ${signBody("not this body")}`,
    length,
    "",
    "",
  ].join("\r\n");
}

/**
 * An unsigned (wrongly signed) POST of `megabytes` written as fast as the server takes it, with
 * a Content-Length or chunked; resolves when the server answers or closes.
 */
function flood(url: string, megabytes: number, chunked: boolean): Promise<void> {
  const { port } = new URL(url);
  const chunk = Buffer.alloc(MB, 0x20);
  return new Promise((resolve) => {
    const socket = connect(Number(port), "127.0.0.1", () => {
      socket.write(
        unsignedHead(
          "flood",
          chunked ? "Transfer-Encoding: chunked" : `Content-Length: ${megabytes * MB}`,
        ),
      );
      let sent = 0;
      const more = () => {
        while (sent < megabytes && !socket.destroyed) {
          sent += 1;
          const data = chunked
            ? Buffer.concat([
                Buffer.from(`${chunk.length.toString(16)}\r\n`),
                chunk,
                Buffer.from("\r\n"),
              ])
            : chunk;
          if (!socket.write(data)) {
            socket.once("drain", more);
            return;
          }
        }
        if (chunked && !socket.destroyed) socket.write("0\r\n\r\n");
      };
      more();
    });
    const done = () => {
      socket.destroy();
      resolve();
    };
    socket.on("data", done);
    socket.on("close", done);
    socket.on("error", done);
  });
}

/** A body that arrives a byte at a time, every half second, until the server gives up on it. */
function trickle(url: string): Promise<number> {
  const { port } = new URL(url);
  const started = Date.now();
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const socket = connect(Number(port), "127.0.0.1", () => {
      socket.write(`${unsignedHead("slow", `Content-Length: ${MB}`)}{`);
      timer = setInterval(() => socket.write(" "), 500);
    });
    const done = () => {
      clearInterval(timer);
      socket.destroy();
      resolve(Date.now() - started);
    };
    socket.on("data", done);
    socket.on("close", done);
    socket.on("error", done);
  });
}

describe("the webhook route of `expectations serve` under hostile requests", () => {
  it("keeps its memory flat under a flood of large and slow unsigned requests, and still takes a good delivery", async () => {
    const child = await serve();
    const pid = child.process.pid as number;
    // Warm: a few real deliveries, so that the baseline is a server at work.
    for (let i = 0; i < 5; i++)
      expect((await deliver(child.url, `warm-${i}`, opened())).status).toBe(200);
    const before = processRss(pid);

    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, processRss(pid));
    }, 100);
    const slow = Array.from({ length: 20 }, () => trickle(child.url));
    const large = Array.from({ length: 3 }, (_, round) =>
      Promise.all([
        flood(child.url, 120, round % 2 === 0),
        flood(child.url, 120, round % 2 === 1),
        flood(child.url, 120, false),
        flood(child.url, 120, true),
      ]),
    );
    // Meanwhile GitHub's deliveries are still taken.
    const meanwhile = await deliver(child.url, "during-flood", opened());
    await Promise.all(large);
    const slowMs = await Promise.all(slow);
    clearInterval(sampler);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const after = processRss(pid);

    expect(meanwhile.status).toBe(200);
    // Each slow body was dropped within seconds.
    expect(Math.max(...slowMs)).toBeLessThan(15_000);
    // Twelve 120 MB bodies: buffered, they would take the server up by well over a gigabyte.
    expect(Math.round((after - before) / MB), "RSS growth after, MB").toBeLessThan(200);
    expect(Math.round((peak - before) / MB), "RSS growth at the peak, MB").toBeLessThan(300);
    expect((await deliver(child.url, "after-flood", opened())).status).toBe(200);
  }, 180_000);

  it("on PostgreSQL with `deliveries` locked by another session: a 5xx within GitHub's 10 s, then the redelivery stored once", async () => {
    const database = await tempDatabase();
    cleanups.push(database.drop);
    const child = await serve(database.url);
    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    cleanups.push(() => locker.end());
    await locker.query("BEGIN");
    await locker.query("LOCK TABLE deliveries IN ACCESS EXCLUSIVE MODE");

    const locked = await deliver(child.url, "locked-1", opened());
    expect(locked.status).toBeGreaterThanOrEqual(500);
    expect(locked.ms).toBeLessThan(10_000);

    await locker.query("COMMIT");
    // GitHub's redelivery: the same delivery id.
    const redelivered = await deliver(child.url, "locked-1", opened());
    expect(redelivered.status).toBe(200);
    const stored = await locker.query(
      "SELECT count(*)::int AS n FROM deliveries WHERE delivery_id = 'locked-1'",
    );
    expect(stored.rows[0].n).toBe(1);
    const pullRequests = await locker.query("SELECT title FROM pull_requests");
    expect(pullRequests.rows).toEqual([{ title: "Create main.py" }]);
  }, 120_000);
});
