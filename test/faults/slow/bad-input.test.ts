import { connect } from "node:net";
import fc from "fast-check";
import nock from "nock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDemoDeliveries } from "../../../bench/demo-deliveries.js";
import { MalformedPayloadError, normalizeDelivery } from "../../../src/ingest/index.js";
import { postDelivery, sign, startServer } from "../../helpers/probot-server.js";
import { sqliteIntegrity } from "../../helpers/sqlite-file.js";
import { countRows, type TempStore, tempStore } from "../../helpers/temp-store.js";
import { type Mutation, mutatePayload, mutationArbitrary } from "../support/mutate-payload.js";

/** `npm run test:faults` runs 5,000; `npm test` a tenth of that. */
const RUNS = Number(process.env.EXPECTATIONS_FUZZ_RUNS ?? 500);
const EVENTS = [
  "pull_request",
  "pull_request_review",
  "issues",
  "issue_comment",
  "milestone",
  "installation",
];

let ctx: TempStore;
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
  ctx = await tempStore();
  server = await startServer({ store: ctx.store, clock: () => new Date("2019-10-01T12:00:00Z") });
});
afterAll(async () => {
  await server.stop();
  await ctx.cleanup();
  nock.enableNetConnect();
});

const count = (table: "deliveries" | "failed_deliveries") => countRows(ctx.store, table);
type Landing = "deliveries" | "failed_deliveries" | "neither";

/** Where the store kept each delivery id: the log, the failed deliveries, or neither. */
async function landings(): Promise<(id: string) => Landing> {
  const log = await ctx.store.dumpDeliveryLog();
  const recorded = new Set(log.deliveries.map((delivery) => delivery.deliveryId));
  const failed = new Set(log.failedDeliveries.map((delivery) => delivery.deliveryId));
  return (id) =>
    recorded.has(id) ? "deliveries" : failed.has(id) ? "failed_deliveries" : "neither";
}

async function healthy(): Promise<boolean> {
  const response = await fetch(`${server.url}/expectations/health`);
  return (
    response.status === 200 && ((await response.json()) as { status?: string }).status === "ok"
  );
}

/** Sends raw bytes and reads the status line; null when the server closed without answering. */
function rawRequest(head: string, body: Buffer | string): Promise<number | null> {
  const { port } = new URL(server.url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), "127.0.0.1", () => {
      socket.write(head);
      socket.end(body);
    });
    let answer = "";
    socket.on("data", (chunk) => {
      answer += chunk.toString();
    });
    socket.on("close", () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]) || null));
    socket.on("error", () => resolve(null));
  });
}

describe("bad input never crashes the server nor corrupts the store", () => {
  it(`${RUNS} mutated real payloads each are acknowledged or kept as failed with a 422, and land where they should`, async () => {
    const demo = readDemoDeliveries();
    let sequence = 0;
    const statuses = new Map<number, number>();
    // Where each delivery should land; checked against one read of the log at the end.
    const expectedLanding = new Map<string, Landing>();
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: demo.length - 1 }),
        fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 }),
        fc.option(fc.constantFrom(...EVENTS, "check_suite", "made_up_event"), { freq: 5 }),
        async (index, mutations: Mutation[], otherEvent) => {
          const original = demo[index] as (typeof demo)[number];
          const payload = mutatePayload(original.payload as never, mutations);
          const name = otherEvent ?? original.name;
          const id = `fuzz-${sequence++}`;
          const body = JSON.stringify(payload);
          const response = await postDelivery(server.url, { name, id, body });
          await response.arrayBuffer();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          // Recorded (200; one not followed by its id alone, so that recovery knows it arrived),
          // or not what its event carries: kept as failed with its error (422). Removals are
          // requests until GitHub confirms them.
          let expected: Landing;
          try {
            normalizeDelivery({ name, id, payload, receivedAt: 0 }, { confirmPurges: true });
            expected = "deliveries";
          } catch (error) {
            expect(error).toBeInstanceOf(MalformedPayloadError);
            expected = "failed_deliveries";
          }
          expect({ id, status: response.status }).toEqual({
            id,
            status: expected === "failed_deliveries" ? 422 : 200,
          });
          expectedLanding.set(id, expected);
        },
      ),
      { numRuns: RUNS, seed: Number(process.env.EXPECTATIONS_FUZZ_SEED ?? 6) },
    );
    expect(await healthy()).toBe(true);
    const landing = await landings();
    const landed = [...expectedLanding.keys()].map((id) => [id, landing(id)]);
    expect(Object.fromEntries(landed)).toEqual(Object.fromEntries(expectedLanding));
    expect(sqliteIntegrity(ctx.path)).toBe("ok");
    // The mutations hit all three outcomes, or the generator is too gentle to mean anything.
    expect(await count("deliveries")).toBeGreaterThan(RUNS / 10);
    expect(await count("failed_deliveries")).toBeGreaterThan(RUNS / 10);
    expect(statuses.get(200)).toBeGreaterThan(RUNS / 10);
    expect(statuses.get(422)).toBeGreaterThan(RUNS / 10);
  });

  it("answers truncated, oversized and mislabelled bodies with a 4xx and keeps serving", async () => {
    const [opened] = readDemoDeliveries().filter((d) => d.name === "pull_request");
    const full = JSON.stringify(opened?.payload);
    const truncated = full.slice(0, Math.floor(full.length / 2));
    const before = {
      deliveries: await count("deliveries"),
      failed: await count("failed_deliveries"),
    };

    // Cut short and signed as cut: not JSON.
    const cut = await postDelivery(server.url, {
      name: "pull_request",
      id: "cut-1",
      body: truncated,
    });
    expect(cut.status).toBe(400);
    // Cut short in transit: the signature of the whole body does not match.
    const cutInTransit = await postDelivery(server.url, {
      name: "pull_request",
      id: "cut-2",
      body: truncated,
      signature: sign(full),
    });
    expect(cutInTransit.status).toBe(401);
    // 40 MB, beyond GitHub's 25 MB cap, with a signature that does not match.
    const huge = `{"padding":"${"x".repeat(40 * 1024 * 1024)}"}`;
    const oversized = await postDelivery(server.url, {
      name: "pull_request",
      id: "huge-1",
      body: huge,
      signature: sign("something else"),
    });
    expect(oversized.status).toBe(413);
    // Not JSON at all, and the wrong content type.
    const form = await fetch(`${server.url}/api/github/webhooks`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-github-event": "pull_request",
        "x-github-delivery": "form-1",
        "x-hub-signature-256": sign("payload=%7B%7D"),
      },
      body: "payload=%7B%7D",
    });
    expect(form.status).toBe(415);
    // No event or delivery headers.
    const bare = await fetch(`${server.url}/api/github/webhooks`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: full,
    });
    expect(bare.status).toBe(400);
    // The connection closes before the announced body has arrived.
    const hungUp = await rawRequest(
      [
        "POST /api/github/webhooks HTTP/1.1",
        "Host: 127.0.0.1",
        "Content-Type: application/json",
        "X-GitHub-Event: pull_request",
        "X-GitHub-Delivery: hung-up-1",
        `X-Hub-Signature-256: ${sign(full)}`,
        `Content-Length: ${Buffer.byteLength(full)}`,
        "",
        "",
      ].join("\r\n"),
      truncated,
    );
    expect(hungUp === null || (hungUp >= 400 && hungUp < 500)).toBe(true);

    expect(await healthy()).toBe(true);
    expect({
      deliveries: await count("deliveries"),
      failed: await count("failed_deliveries"),
    }).toEqual(before);
    const good = await postDelivery(server.url, {
      name: "pull_request",
      id: "after-1",
      body: full,
    });
    expect(good.status).toBe(200);
    expect((await landings())("after-1")).toBe("deliveries");
  });

  it.each([
    ["an array", "pull_request", "[]", 422, "failed_deliveries"],
    [
      "an object without its pull request",
      "pull_request",
      '{"action":"opened"}',
      422,
      "failed_deliveries",
    ],
    ["null", "pull_request", "null", 422, "failed_deliveries"],
    ["a number", "pull_request", "42", 422, "failed_deliveries"],
    ["a string", "pull_request", '"opened"', 422, "failed_deliveries"],
    [
      "with a non-numeric installation id",
      "issues",
      '{"installation":{"id":"x"},"issue":{"id":1}}',
      422,
      "failed_deliveries",
    ],
    // Its id alone is logged, so that recovery knows it arrived.
    ["null, of an event the app does not follow", "deployment", "null", 200, "deliveries"],
  ])("a signed body that is JSON %s", async (_label, name, body, status, keptIn) => {
    const id = `odd-${name}-${body}`;
    const response = await postDelivery(server.url, { name, id, body });
    expect(response.status).toBe(status);
    expect((await landings())(id)).toBe(keptIn ?? "neither");
    expect(await healthy()).toBe(true);
  });

  it("refuses a signed 30 MB delivery (over GitHub's 25 MB cap) with a 413, and takes a 20 MB one", async () => {
    const [opened] = readDemoDeliveries().filter((d) => d.name === "pull_request");
    const padded = (mb: number) =>
      JSON.stringify({ ...(opened?.payload as object), padding: "x".repeat(mb * 1024 * 1024) });
    const over = await postDelivery(server.url, {
      name: "pull_request",
      id: "big-signed-1",
      body: padded(30),
    });
    expect(over.status).toBe(413);
    expect((await landings())("big-signed-1")).toBe("neither");
    const under = await postDelivery(server.url, {
      name: "pull_request",
      id: "big-signed-2",
      body: padded(20),
    });
    expect(under.status).toBe(200);
    expect((await landings())("big-signed-2")).toBe("deliveries");
    expect(await healthy()).toBe(true);
  });
});

/** A request written by hand: `send` writes the body (or not) on the open socket. */
function exchange(
  head: string[],
  send: (socket: ReturnType<typeof connect>) => void,
): Promise<{ status: number | null; ms: number }> {
  const { port } = new URL(server.url);
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = connect(Number(port), "127.0.0.1", () => {
      socket.write([...head, "", ""].join("\r\n"));
      send(socket);
    });
    let answer = "";
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]) || null,
        ms: Date.now() - started,
      });
    };
    socket.on("data", (chunk) => {
      answer += chunk.toString();
      if (/\r\n\r\n/.test(answer)) settle();
    });
    socket.on("close", settle);
    socket.on("error", settle);
  });
}

const webhookHead = (delivery: string, extra: string[]) => [
  "POST /api/github/webhooks HTTP/1.1",
  "Host: 127.0.0.1",
  "Content-Type: application/json",
  "X-GitHub-Event: pull_request",
  `X-GitHub-Delivery: ${delivery}`,
  `X-Hub-Signature-256: ${sign("whatever")}`,
  ...extra,
];

describe("webhook requests are bounded before they are read", () => {
  const MB = 1024 * 1024;

  it("answers a Content-Length over GitHub's 25 MB with 413 before a byte of the body is sent", async () => {
    const answer = await exchange(
      webhookHead("too-long-1", [`Content-Length: ${100 * MB}`]),
      () => {
        // The body never comes: the answer must not wait for it.
      },
    );
    expect(answer.status).toBe(413);
    expect(await healthy()).toBe(true);
  });

  it("cuts off a chunked body streamed past 25 MB", async () => {
    const chunk = Buffer.alloc(MB, 0x20);
    let sent = 0;
    const answer = await exchange(
      webhookHead("chunked-1", ["Transfer-Encoding: chunked"]),
      (socket) => {
        const more = () => {
          // Up to 60 MB, or until the server has had enough.
          while (sent < 60 && !socket.destroyed) {
            sent += 1;
            if (!socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`)) {
              socket.once("drain", more);
              return;
            }
          }
        };
        socket.on("error", () => undefined);
        more();
      },
    );
    expect(answer.status === null || answer.status === 413).toBe(true);
    expect(sent).toBeLessThan(60);
    expect(await healthy()).toBe(true);
  });

  it("drops a body that trickles in (a byte a second) within seconds, not minutes", async () => {
    let timer: NodeJS.Timeout | undefined;
    const answer = await exchange(webhookHead("trickle-1", ["Content-Length: 1000"]), (socket) => {
      socket.write("{");
      timer = setInterval(() => {
        if (!socket.destroyed) socket.write(" ");
      }, 1_000);
    });
    clearInterval(timer);
    expect(answer.status === null || answer.status === 408).toBe(true);
    expect(answer.ms).toBeLessThan(15_000);
    expect(await healthy()).toBe(true);
  }, 60_000);
});
