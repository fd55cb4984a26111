import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { serverLog } from "../../src/cli/server-log.js";
import { kodiakChain } from "../helpers/fixtures.js";
import { postDelivery, sign, startServer } from "../helpers/probot-server.js";
import { tempStore } from "../helpers/temp-store.js";

/** Text that is in the delivery's body and must never reach the log. */
const MARKER = "MARKER-BODY-TEXT-7f3a9c";

function markedDelivery(id: string) {
  const [opened] = kodiakChain();
  const payload = structuredClone(opened?.payload) as {
    pull_request: { body: string; title: string };
  };
  payload.pull_request.body = `Please review. ${MARKER}`;
  return { name: "pull_request", id, body: JSON.stringify(payload) };
}

/** The server's logger as `serve` builds it, writing into `lines` (one entry per line). */
async function logInto(format: "json" | "pretty", repeatWindowMs?: number) {
  const lines: string[] = [];
  const log = await serverLog(
    { LOG_FORMAT: format, LOG_LEVEL: "info" },
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(
          ...String(chunk)
            .split("\n")
            .filter((line) => line !== ""),
        );
        done();
      },
    }),
    repeatWindowMs ? { repeatWindowMs } : {},
  );
  return { log, lines };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe("the server's log, for an operator", () => {
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  });

  it.each(["json", "pretty"] as const)(
    "%s: a forged signature and a delivery failing on the database log at most 3 lines each, with the delivery id, never the body",
    async (format) => {
      const { log, lines } = await logInto(format);
      const ctx = await tempStore();
      const server = await startServer({ store: ctx.store }, { log });
      stops.push(ctx.cleanup, server.stop);
      await settle();
      lines.length = 0;

      const forged = markedDelivery("forged-delivery-1");
      const rejected = await postDelivery(server.url, {
        ...forged,
        signature: sign(forged.body, "not-the-secret"),
      });
      expect(rejected.status).toBeGreaterThanOrEqual(400);
      await settle();
      const forgedLines = lines.splice(0);
      expect(forgedLines.length).toBeGreaterThan(0);
      expect(forgedLines.length).toBeLessThanOrEqual(3);
      expect(forgedLines.join("\n")).toContain("forged-delivery-1");
      expect(forgedLines.join("\n")).not.toContain(MARKER);

      // The database goes away under the server.
      await ctx.store.close();
      const failing = await postDelivery(server.url, markedDelivery("failing-delivery-1"));
      expect(failing.status).toBeGreaterThanOrEqual(500);
      await settle();
      const failingLines = lines.splice(0);
      expect(failingLines.length).toBeGreaterThan(0);
      expect(failingLines.length).toBeLessThanOrEqual(3);
      expect(failingLines.join("\n")).toContain("failing-delivery-1");
      expect(failingLines.join("\n")).toContain("The database connection is not open");
      expect(failingLines.join("\n")).not.toContain(MARKER);
    },
  );

  it("pretty: every line starts with a timestamp", async () => {
    const { log, lines } = await logInto("pretty");
    log.info("one");
    log.child({ name: "http" }).warn("two");
    await settle();
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/^\[?\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d/);
  });

  it('json: a timestamp, and "name" once, the innermost', async () => {
    const { log, lines } = await logInto("json");
    log.child({ name: "probot" }).child({ name: "event" }).info("nested");
    await settle();
    expect(lines).toHaveLength(1);
    expect(lines[0]?.match(/"name":/g)).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ name: "event", msg: "nested" });
    expect(JSON.parse(lines[0] as string).time).toEqual(expect.any(Number));
  });

  it("an error repeating (the publish queue during a database outage) is written once, then counted", async () => {
    const { log, lines } = await logInto("json", 300);
    const outage = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
      code: "ECONNREFUSED",
    });
    for (let i = 0; i < 50; i++) log.error({ err: outage }, "publish queue could not be read");
    log.error("something else went wrong");
    await settle();
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual([
      "publish queue could not be read",
      "something else went wrong",
    ]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[2] as string)).toMatchObject({
      level: 50,
      repeated: 49,
      msg: "publish queue could not be read (and 49 more like it within 0 s)",
    });
  });
});
