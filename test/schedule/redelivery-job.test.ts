import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CatchUps } from "../../src/flows/index.js";
import { SUBSCRIBED_EVENTS } from "../../src/recovery/index.js";
import {
  DEFAULT_REDELIVERY_INTERVAL_MS,
  REDELIVERY_JOB,
  redeliveryJob,
  type ScheduledJob,
  startScheduler,
} from "../../src/schedule/index.js";
import { appDeliveries } from "../helpers/app-deliveries.js";
import { kodiakChain } from "../helpers/fixtures.js";
import { type DeliveringGitHub, startDeliveringGitHub } from "../helpers/github/index.js";
import { loggerCalling } from "../helpers/logger-calling.js";
import { APP_ID, TEST_PRIVATE_KEY, WEBHOOK_SECRET } from "../helpers/probot-server.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";

describe("the redelivery job", () => {
  let ctx: TempStore;
  let github: DeliveringGitHub | undefined;
  let warnings: string[];
  let caughtUp: number[];

  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
  });
  afterAll(() => nock.enableNetConnect());
  beforeEach(async () => {
    ctx = await tempStore();
    warnings = [];
    caughtUp = [];
  });
  afterEach(async () => {
    await github?.stop();
    await ctx.cleanup();
  });

  const job = (simulated: DeliveringGitHub) => {
    const catchUps: CatchUps = {
      start: (installationId) => caughtUp.push(installationId),
      idle: async () => undefined,
      stop: async () => undefined,
    };
    return redeliveryJob({
      store: ctx.store,
      deliveries: async () => appDeliveries(simulated),
      events: SUBSCRIBED_EVENTS,
      intervalMs: DEFAULT_REDELIVERY_INTERVAL_MS,
      catchUps,
      log: loggerCalling({
        info: () => undefined,
        warn: (_details, message) => warnings.push(message),
        error: () => undefined,
      }),
    });
  };

  it("on an Enterprise Server without the list, says so once and hands its gaps to catch-ups", async () => {
    github = await startDeliveringGitHub({
      appId: APP_ID,
      appPrivateKey: TEST_PRIVATE_KEY,
      webhookSecret: WEBHOOK_SECRET,
      withoutDeliveriesApi: true,
    });
    await ctx.store.openRecordGaps([
      {
        installationId: 42,
        startsAt: Date.now() - 600_000,
        endsAt: Date.now() - 60_000,
        reason: "down",
        state: "redelivery",
        openedAt: Date.now(),
        checked: false,
        lastError: null,
      },
    ]);
    const redelivery = job(github);
    await redelivery.run(new Date());
    await redelivery.run(new Date());
    expect(warnings).toEqual([
      "GitHub has no list of the App's deliveries here (an Enterprise Server without GET /app/hook/deliveries): gaps in the record are caught up by backfill instead",
    ]);
    expect(caughtUp).toEqual([42, 42]);
    const after = new Date("2026-11-27T12:00:00Z");
    expect(redelivery.nextRunAfter(after).getTime() - after.getTime()).toBe(
      DEFAULT_REDELIVERY_INTERVAL_MS,
    );
  });

  it("comes back 30 s after a run that waits for what it asked, else after its interval", async () => {
    github = await startDeliveringGitHub({
      appId: APP_ID,
      appPrivateKey: TEST_PRIVATE_KEY,
      webhookSecret: WEBHOOK_SECRET,
    });
    const [opened] = kodiakChain();
    await github.send({ name: "pull_request", payload: opened?.payload, guid: "missed" });
    const redelivery = job(github);
    const after = new Date("2026-11-27T12:00:00Z");
    await redelivery.run(new Date(Date.now() + 60_000));
    expect(github.redeliveriesAsked()).toHaveLength(1);
    expect(redelivery.nextRunAfter(after).getTime() - after.getTime()).toBe(30_000);
  });

  it("runs at start, whatever its stored next run, through the scheduler", async () => {
    const runs: Date[] = [];
    const atStart: ScheduledJob = {
      name: REDELIVERY_JOB,
      runAtStart: true,
      nextRunAfter: (after) => new Date(after.getTime() + DEFAULT_REDELIVERY_INTERVAL_MS),
      run: async (now) => {
        runs.push(now);
      },
    };
    await ctx.store.setNextRun(REDELIVERY_JOB, Date.now() + 3_600_000, null);
    const stop = startScheduler(ctx.store, [atStart], { owner: "a", tickMs: 60_000 });
    await stop();
    expect(runs).toHaveLength(1);
    expect(await ctx.store.getNextRun(REDELIVERY_JOB)).toBeGreaterThan(Date.now() + 60_000);
  });
});
