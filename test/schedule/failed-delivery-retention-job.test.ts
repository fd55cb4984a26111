import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Delivery, ingestDelivery } from "../../src/ingest/index.js";
import { failedDeliveryRetentionJob, runDueJobs } from "../../src/schedule/index.js";
import { kodiakChain } from "../helpers/fixtures.js";
import { loggerCalling } from "../helpers/logger-calling.js";
import { tempStore } from "../helpers/temp-store.js";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const NOW = Date.parse("2026-06-15T10:30:00Z");

/** The recorded `opened` delivery with its pull request's number made text: kept as failed. */
function malformed(id: string, receivedAt: number): Delivery {
  const [opened] = kodiakChain();
  const payload = structuredClone(opened?.payload) as { pull_request: { number: unknown } };
  payload.pull_request.number = "nine";
  return { name: "pull_request", id, payload, receivedAt };
}

describe("the failed-delivery retention job", () => {
  let ctx: Awaited<ReturnType<typeof tempStore>>;
  let logged: { deleted: number; retentionDays: number }[];

  beforeEach(async () => {
    ctx = await tempStore();
    logged = [];
    // 20 and 15 days old, one just inside 14 days, and yesterday's.
    for (const [id, age] of [
      ["old-20d", 20 * DAY],
      ["old-15d", 15 * DAY],
      ["inside-14d", 14 * DAY - HOUR],
      ["yesterday", DAY],
    ] as const)
      expect((await ingestDelivery(ctx.store, malformed(id, NOW - age))).status).toBe("malformed");
  });
  afterEach(() => ctx.cleanup());

  const job = (retentionDays: number) =>
    failedDeliveryRetentionJob({
      store: ctx.store,
      retentionDays,
      log: loggerCalling({ info: (details) => logged.push(details as (typeof logged)[number]) }),
    });

  it("deletes failed deliveries older than the retention, on its hourly run, one runner at a time", async () => {
    const jobs = [job(14)];
    // First seen: scheduled for the next full hour, nothing deleted yet.
    expect(await runDueJobs(ctx.store, jobs, new Date(NOW), { owner: "a" })).toEqual([]);
    const due = new Date(NOW + HOUR);
    // Two processes look at the same moment: the lease lets one of them run it.
    const ran = await Promise.all([
      runDueJobs(ctx.store, jobs, due, { owner: "a" }),
      runDueJobs(ctx.store, jobs, due, { owner: "b" }),
    ]);
    expect(ran.flat()).toEqual(["failed-delivery-retention"]);
    expect(logged).toEqual([{ deleted: 2, retentionDays: 14 }]);

    // An hour later the one that was just inside 14 days has aged out too; nothing is logged
    // for a run that deletes nothing.
    await runDueJobs(ctx.store, jobs, new Date(NOW + 2 * HOUR), { owner: "a" });
    await runDueJobs(ctx.store, jobs, new Date(NOW + 3 * HOUR), { owner: "a" });
    expect(logged).toEqual([
      { deleted: 2, retentionDays: 14 },
      { deleted: 1, retentionDays: 14 },
    ]);
    // Yesterday's is still there.
    expect(await ctx.store.pruneFailedDeliveries(Number.POSITIVE_INFINITY)).toBe(1);
  });

  it("keeps them as long as FAILED_DELIVERY_RETENTION_DAYS says", async () => {
    await job(30).run(new Date(NOW));
    expect(logged).toEqual([]);
    await job(1).run(new Date(NOW));
    expect(logged).toEqual([{ deleted: 3, retentionDays: 1 }]);
  });
});
