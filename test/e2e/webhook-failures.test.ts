import nock from "nock";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DeliveryObservation } from "../../src/app.js";
import { inFlightWork } from "../../src/cli/in-flight-work.js";
import type { Delivery } from "../../src/ingest/index.js";
import { capturedLog } from "../helpers/captured-log.js";
import { kodiakChain, readDeliveryStream } from "../helpers/fixtures.js";
import { postDelivery, startServer } from "../helpers/probot-server.js";
import { tempPostgresStore } from "../helpers/temp-postgres.js";
import { tempStore } from "../helpers/temp-store.js";

/** Text of an issue's body that must never reach the log. */
const MARKER = "MARKER-issue-body-text-4b1d";

/** The demo's first `issues.opened`, its body the marker. */
function issueWithMarker(): Delivery {
  const delivery = readDeliveryStream("demo/deliveries.jsonl").find(
    (d) => d.name === "issues",
  ) as Delivery;
  const payload = structuredClone(delivery.payload) as { issue: { body: string } };
  payload.issue.body = `Steps to reproduce: ${MARKER}`;
  return { ...delivery, payload };
}

const post = (url: string, delivery: Delivery) =>
  postDelivery(url, {
    name: delivery.name,
    id: delivery.id,
    body: JSON.stringify(delivery.payload),
  });

interface LogLine {
  level: number;
  msg: string;
  delivery?: string;
}

const parsed = (lines: string[]) => lines.map((line) => JSON.parse(line) as LogLine);

describe("webhook deliveries that fail", () => {
  const stops: (() => Promise<unknown>)[] = [];
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
  });
  afterAll(() => nock.enableNetConnect());
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  });

  it("on PostgreSQL: a NUL in a pull request's title is stored, not a 500", async () => {
    const opened = kodiakChain()[0] as Delivery;
    const payload = structuredClone(opened.payload) as { pull_request: { title: string } };
    payload.pull_request.title = "Fix\u0000crash";
    const database = await tempPostgresStore();
    stops.push(database.cleanup);
    const server = await startServer({ store: database.store });
    stops.push(server.stop);

    const response = await post(server.url, { ...opened, id: "nul-title-1", payload });
    expect(response.status).toBe(200);
    const stored = await database.store.getPullRequest(
      848733,
      (payload as unknown as { pull_request: { id: number } }).pull_request.id,
    );
    expect(stored?.title).toBe("Fix\uFFFDcrash");
  });

  it("on PostgreSQL: a delivery the database refuses is answered 5xx, kept with its reason, and logged once without its payload", async () => {
    const database = await tempPostgresStore();
    stops.push(database.cleanup);
    const { log, lines } = await capturedLog();
    const work = inFlightWork();
    const server = await startServer({ store: database.store, tracker: work }, { log });
    stops.push(server.stop);
    // The database refuses every write to the issues table (a real error from PostgreSQL).
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    stops.push(() => admin.end());
    await admin.query("ALTER TABLE issues RENAME TO issues_away");

    const delivery = issueWithMarker();
    const response = await post(server.url, delivery);
    expect(response.status).toBeGreaterThanOrEqual(500);
    await work.idle();

    expect(lines.join("")).not.toContain(MARKER);
    const about = parsed(lines).filter((line) => line.level >= 40 && line.delivery === delivery.id);
    expect(about).toHaveLength(1);
    const { failedDeliveries, deliveries } = await database.store.dumpDeliveryLog();
    expect(deliveries).toEqual([]);
    expect(failedDeliveries.map((failed) => failed.deliveryId)).toEqual([delivery.id]);
    expect(failedDeliveries[0]?.error).toMatch(/issues/);
  });

  it("on PostgreSQL: a delivery not committed by the answer deadline gets a 503, never a 2xx, and its redelivery is stored once", async () => {
    const database = await tempPostgresStore();
    stops.push(database.cleanup);
    const observed: DeliveryObservation[] = [];
    // A deadline shorter than the database's lock timeout (3 s): the answer comes first.
    const server = await startServer(
      { store: database.store, onDelivery: (observation) => observed.push(observation) },
      { limits: { answerDeadlineMs: 1_000 } },
    );
    stops.push(server.stop);
    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    stops.push(() => locker.end());
    await locker.query("BEGIN");
    await locker.query("LOCK TABLE deliveries IN ACCESS EXCLUSIVE MODE");

    const opened = kodiakChain()[0] as Delivery;
    const started = Date.now();
    const late = await post(server.url, opened);
    expect(late.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(observed).toEqual([
      expect.objectContaining({ delivery: opened.id, outcome: "late", status: 503 }),
    ]);

    await locker.query("COMMIT");
    const redelivered = await post(server.url, opened);
    expect(redelivered.status).toBe(200);
    const { deliveries } = await database.store.dumpDeliveryLog();
    expect(deliveries.map((d) => d.deliveryId)).toEqual([opened.id]);
  });

  it("a reaction that throws after the delivery is recorded: the log names the delivery, never its payload", async () => {
    const ctx = await tempStore();
    stops.push(ctx.cleanup);
    const { log, lines } = await capturedLog();
    const work = inFlightWork();
    const server = await startServer(
      {
        store: ctx.store,
        tracker: work,
        reactions: [
          async () => {
            throw new Error("the reaction failed");
          },
        ],
      },
      { log },
    );
    stops.push(server.stop);

    const delivery = issueWithMarker();
    const response = await post(server.url, delivery);
    expect(response.status).toBe(200);
    await work.idle();

    const text = lines.join("");
    expect(text).toContain("the reaction failed");
    expect(text).not.toContain(MARKER);
  });
});
