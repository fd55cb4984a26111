import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/index.js";
import {
  buildReviewActivityReport,
  catchUpInBackground,
  openDowntimeGaps,
  recoverMissedDeliveries,
} from "../../src/flows/index.js";
import { ingestDelivery } from "../../src/ingest/index.js";
import { SUBSCRIBED_EVENTS } from "../../src/recovery/index.js";
import { renderReportMarkdown } from "../../src/reports/index.js";
import type { Store } from "../../src/store/index.js";
import { webhookDeliveries } from "../backfill/history.js";
import { sampleHistory } from "../backfill/sample-history.js";
import { appDeliveries } from "../helpers/app-deliveries.js";
import {
  type DeliveringGitHub,
  historyGitHub,
  startDeliveringGitHub,
} from "../helpers/github/index.js";
import { loggerCalling } from "../helpers/logger-calling.js";
import { APP_ID, TEST_PRIVATE_KEY, TestOctokit, WEBHOOK_SECRET } from "../helpers/probot-server.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";

// Forty pull requests, one every six hours from 2026-03-02; the app was down from the 8th until
// the 13th: longer than GitHub keeps deliveries, so no redelivery can bring that back.
const history = sampleHistory({ pullRequests: 40, issues: 6 });
const HEARTBEAT = Date.parse("2026-03-08T09:00:00Z");
const NOW = Date.parse("2026-03-13T09:00:00Z");
const DAY = 86_400_000;
const parsed = parseConfig({});
if (!parsed.ok) throw new Error("the defaults do not parse");
const DEFAULTS = parsed.config;
const LINE =
  "Activity between 2026-03-08 09:00 and 2026-03-13 09:00 (UTC) is still being recovered; figures may be incomplete.";

describe("a gap in the record longer than GitHub's list of deliveries reaches", () => {
  let ctx: TempStore;
  let github: DeliveringGitHub;
  const others: TempStore[] = [];

  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
  });
  afterAll(() => nock.enableNetConnect());
  beforeEach(async () => {
    ctx = await tempStore();
    github = await startDeliveringGitHub({
      appId: APP_ID,
      appPrivateKey: TEST_PRIVATE_KEY,
      webhookSecret: WEBHOOK_SECRET,
      clock: () => new Date(NOW),
    });
  });
  afterEach(async () => {
    nock.cleanAll();
    await github.stop();
    await ctx.cleanup();
    for (const other of others.splice(0)) await other.cleanup();
  });

  const report = async (store: Store, since: number, until: number) =>
    buildReviewActivityReport(store, {
      installationId: history.installationId,
      scope: { kind: "repository", name: "acme/widgets" },
      repositories: await store.listRepositories(history.installationId),
      period: { since, until },
      now: NOW,
      config: DEFAULTS,
      publicTarget: false,
    });

  it("is caught up by backfill, and the report overlapping it says so until then, and not after", async () => {
    // What the app recorded before it went down, and its last heartbeat.
    const deliveries = webhookDeliveries(history);
    for (const delivery of deliveries.filter((d) => d.receivedAt < HEARTBEAT))
      await ingestDelivery(ctx.store, delivery);
    await ctx.store.writeMark("heartbeat", HEARTBEAT);

    // It starts again: the gap is known for every installation the store has.
    const opened = await openDowntimeGaps(ctx.store, NOW);
    expect(opened.map((g) => [g.installationId, g.startsAt, g.endsAt])).toEqual([
      [history.installationId, HEARTBEAT, NOW],
    ]);
    const during = await report(ctx.store, NOW - 7 * DAY, NOW);
    expect(during.record_notice).toBe(LINE);
    expect(renderReportMarkdown(during)).toContain(`> ⚠️ ${LINE}`);
    // A period before the gap is complete: no line.
    expect(
      (await report(ctx.store, NOW - 14 * DAY, HEARTBEAT - DAY)).record_notice,
    ).toBeUndefined();

    // GitHub lists nothing that old: redelivery cannot close it, a catch-up must.
    const run = await recoverMissedDeliveries({
      store: ctx.store,
      deliveries: appDeliveries(github, { clock: () => new Date(NOW) }),
      events: SUBSCRIBED_EVENTS,
      now: new Date(NOW),
      clock: () => new Date(NOW),
    });
    expect(run).toMatchObject({ reach: "end", asked: 0, gaps: { toCatchUp: 1, closed: 0 } });
    expect((await ctx.store.listRecordGaps()).map((g) => g.state)).toEqual(["catch_up"]);
    expect((await report(ctx.store, NOW - 7 * DAY, NOW)).record_notice).toBe(LINE);

    // The catch-up, as the server runs it in the background, through GraphQL.
    const fake = historyGitHub(history);
    const log = loggerCalling({
      info: () => undefined,
      warn: () => undefined,
      error: () => undefined,
    });
    const catchUps = catchUpInBackground({
      store: ctx.store,
      connect: async () => new TestOctokit({ auth: { token: "ghs_test" } }),
      owner: "test",
      log,
      clock: () => new Date(NOW),
      sleep: async () => undefined,
    });
    catchUps.start(history.installationId);
    await catchUps.idle();
    // Only what was updated since the gap (less a margin) was asked for: one page.
    expect(fake.graphqlCalls.map((c) => c.operation)).toEqual(["RepositoryPage"]);
    expect(fake.graphqlCalls[0]?.variables).toMatchObject({ withStale: false });
    expect(await ctx.store.listRecordGaps()).toEqual([]);
    // What was published meanwhile said so: the open milestone is published again, whole.
    expect(
      (await ctx.store.listPublishWork()).find((w) => w.subject === "milestone:7002"),
    ).toMatchObject({ wholeMilestone: true, queuedAt: NOW });

    // Closed: no trace in the report, which is now the report of the whole history.
    const after = await report(ctx.store, NOW - 7 * DAY, NOW);
    expect(after.record_notice).toBeUndefined();
    expect(renderReportMarkdown(after)).not.toContain("still being recovered");
    const whole = await tempStore();
    others.push(whole);
    for (const delivery of deliveries) await ingestDelivery(whole.store, delivery);
    expect(after).toEqual(await report(whole.store, NOW - 7 * DAY, NOW));
  });

  it("keeps its gap open, marked failed, while the catch-up fails", async () => {
    for (const delivery of webhookDeliveries(history).filter((d) => d.receivedAt < HEARTBEAT))
      await ingestDelivery(ctx.store, delivery);
    await ctx.store.writeMark("heartbeat", HEARTBEAT);
    const [gap] = await openDowntimeGaps(ctx.store, NOW);
    if (!gap) throw new Error("no gap opened");
    await ctx.store.updateRecordGaps([{ ...gap, state: "catch_up" }]);
    historyGitHub(history).fail("POST graphql", { status: 502, applied: false });
    const errors: string[] = [];
    const catchUps = catchUpInBackground({
      store: ctx.store,
      connect: async () =>
        new TestOctokit({ auth: { token: "ghs_test" }, retry: { enabled: false } }),
      owner: "test",
      log: loggerCalling({
        info: () => undefined,
        warn: () => undefined,
        error: (_details, message) => errors.push(message),
      }),
      clock: () => new Date(NOW),
      sleep: async () => undefined,
    });
    catchUps.start(history.installationId);
    await catchUps.idle();
    expect(errors).toEqual(["catch-up failed; tried again later"]);
    expect(await ctx.store.listRecordGaps()).toEqual([
      expect.objectContaining({ state: "failed", lastError: expect.stringContaining("502") }),
    ]);
    expect((await report(ctx.store, NOW - 7 * DAY, NOW)).record_notice).toBe(LINE);
  });
});
