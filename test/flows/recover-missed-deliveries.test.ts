import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GitHubReplyError } from "../../src/backfill/index.js";
import { recoverMissedDeliveries } from "../../src/flows/index.js";
import { type Delivery, ingestDelivery } from "../../src/ingest/index.js";
import { SUBSCRIBED_EVENTS } from "../../src/recovery/index.js";
import type { RecordGap } from "../../src/store/index.js";
import { appDeliveries } from "../helpers/app-deliveries.js";
import { kodiakChain } from "../helpers/fixtures.js";
import { type DeliveringGitHub, startDeliveringGitHub } from "../helpers/github/index.js";
import { APP_ID, startServer, TEST_PRIVATE_KEY, WEBHOOK_SECRET } from "../helpers/probot-server.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";

/** Past the time a delivery may still be on its way into the store. */
const later = () => new Date(Date.now() + 60_000);

describe("recovering what GitHub sent while the app could not take it", () => {
  let ctx: TempStore;
  let server: Awaited<ReturnType<typeof startServer>>;
  let github: DeliveringGitHub;
  let sleeps: number[];

  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
  });
  afterAll(() => nock.enableNetConnect());
  beforeEach(async () => {
    ctx = await tempStore();
    server = await startServer({ store: ctx.store });
    github = await startDeliveringGitHub({
      appId: APP_ID,
      appPrivateKey: TEST_PRIVATE_KEY,
      webhookSecret: WEBHOOK_SECRET,
      target: server.url,
    });
    sleeps = [];
  });
  afterEach(async () => {
    await github.stop();
    await server.stop();
    await ctx.cleanup();
  });

  /** GitHub as the App reaches it: its JWT from Probot, as `serve` makes it. */
  const deliveries = () => appDeliveries(github, { sleeps });
  const recover = () =>
    recoverMissedDeliveries({
      store: ctx.store,
      deliveries: deliveries(),
      events: SUBSCRIBED_EVENTS,
      now: later(),
      clock: () => new Date(),
    });
  const send = (delivery: Delivery) =>
    github.send({ name: delivery.name, payload: delivery.payload, guid: delivery.id });
  const stored = async (ids: string[]) => ctx.store.knownDeliveryIds(ids);

  it("asks again, once each, for what failed while the app was down, and for nothing the store has", async () => {
    const chain = kodiakChain();
    const [first, second, third, fourth, fifth, sixth] = chain as [
      Delivery,
      Delivery,
      Delivery,
      Delivery,
      Delivery,
      Delivery,
    ];
    await send(first);
    await send(second);
    github.target = undefined;
    for (const missed of [third, fourth, fifth]) await send(missed);
    github.target = server.url;
    await send(sixth);
    expect(github.attempts.map((a) => a.status_code)).toEqual([200, 200, 0, 0, 0, 200]);
    expect(await stored(chain.map((d) => d.id))).toEqual(new Set([first.id, second.id, sixth.id]));

    const run = await recover();
    expect(run).toMatchObject({ reach: "end", asked: 3, refused: 0, requests: 4 });
    expect(
      github
        .redeliveriesAsked()
        .map((id) => github.guidOf(id))
        .sort(),
    ).toEqual([third.id, fourth.id, fifth.id].sort());
    await github.settled();
    // GitHub redelivered each under its own guid; the store has every delivery now, and the
    // same rows as an ingest of the whole stream in order.
    const redelivered = github.attempts.filter((a) => a.redelivery);
    expect(redelivered.map((a) => [a.guid, a.status_code])).toEqual(
      expect.arrayContaining([
        [third.id, 200],
        [fourth.id, 200],
        [fifth.id, 200],
      ]),
    );
    expect(await stored(chain.map((d) => d.id))).toEqual(new Set(chain.map((d) => d.id)));
    const clean = await tempStore();
    try {
      for (const delivery of chain) await ingestDelivery(clean.store, delivery);
      expect(await ctx.store.dumpActivity()).toEqual(await clean.store.dumpActivity());
    } finally {
      await clean.cleanup();
    }

    // The next run finds them arrived, reads only the list's first page, and asks nothing.
    const next = await recover();
    expect(next).toMatchObject({ asked: 0, recovered: 3, requests: 1, waiting: false });
    expect(github.redeliveriesAsked()).toHaveLength(3);
  });

  it("asks again for a delivery GitHub lists as answered 202 that never reached the store", async () => {
    const [opened] = kodiakChain() as [Delivery];
    const answered = github.recordAnswered(
      { name: opened.name, payload: opened.payload, guid: opened.id },
      202,
    );
    expect(answered).toMatchObject({ status_code: 202, redelivery: false });
    expect(await stored([opened.id])).toEqual(new Set());

    const run = await recover();
    expect(run.asked).toBe(1);
    expect(github.redeliveriesAsked()).toEqual([answered.id]);
    await github.settled();
    expect(await stored([opened.id])).toEqual(new Set([opened.id]));
    expect((await ctx.store.dumpActivity()).pull_requests).toHaveLength(1);
  });

  it("asks once for an event GitHub tried several times, and not again while it is on its way", async () => {
    const [opened] = kodiakChain() as [Delivery];
    github.target = undefined;
    await send(opened);
    github.target = () => null;
    const first = await recover();
    expect(first.asked).toBe(1);
    await github.settled();
    // The redelivery failed too (the app still down): two attempts of one event now.
    expect(github.attempts.filter((a) => a.guid === opened.id)).toHaveLength(2);
    const again = await recover();
    expect(again).toMatchObject({ asked: 0, awaited: 1, waiting: true });
    expect(github.redeliveriesAsked()).toHaveLength(1);
  });

  it("fails loudly on a list that does not fit, and writes nothing", async () => {
    const [opened] = kodiakChain() as [Delivery];
    github.target = undefined;
    await send(opened);
    github.model.fail(
      "GET hook-deliveries",
      { reply: { status: 200, body: [{ ...github.attempts[0], installation_id: "848733" }] } },
      { reply: { status: 200, body: { message: "not a list" } } },
    );
    await expect(recover()).rejects.toThrow(
      /GitHub's answer to the list of the App's deliveries does not fit at \[0\]\.installation_id/,
    );
    await expect(recover()).rejects.toThrow(GitHubReplyError);
    expect(await ctx.store.readMark("redelivery-watermark")).toBeUndefined();
    expect(await ctx.store.listOutstandingRedeliveries()).toEqual([]);
    expect(github.redeliveriesAsked()).toEqual([]);
    // The next good answer is used as usual.
    await expect(recover()).resolves.toMatchObject({ asked: 1 });
  });

  it("waits as GitHub asks when it answers 429 or 403 for a rate limit", async () => {
    const [opened] = kodiakChain() as [Delivery];
    github.target = undefined;
    await send(opened);
    github.target = server.url;
    const reset = Math.ceil(Date.now() / 1000) + 30;
    github.model.fail(
      "POST hook-deliveries",
      { reply: { status: 429, headers: { "retry-after": "2" }, body: { message: "slow down" } } },
      {
        reply: {
          status: 403,
          headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) },
          body: { message: "API rate limit exceeded" },
        },
      },
    );
    const run = await recover();
    expect(run.asked).toBe(1);
    expect(sleeps[0]).toBe(2_000);
    expect(sleeps[1]).toBeGreaterThan(25_000);
    expect(sleeps[1]).toBeLessThanOrEqual(32_000);
    expect(github.redeliveriesAsked()).toHaveLength(3);
  });

  it("leaves what GitHub refuses to redeliver to a catch-up of its installation", async () => {
    const [opened] = kodiakChain() as [Delivery];
    github.target = undefined;
    const missed = await send(opened);
    github.model.fail("POST hook-deliveries", {
      reply: { status: 422, body: { message: "Validation Failed" } },
    });
    const run = await recover();
    expect(run).toMatchObject({ asked: 0, refused: 1, gaps: { opened: 1, toCatchUp: 1 } });
    const [request] = await ctx.store.listRedeliveryRequests([opened.id]);
    expect(request).toMatchObject({ state: "refused", githubDeliveryId: missed.id, asks: 1 });
    const deliveredAt = Date.parse(missed.delivered_at);
    expect(await ctx.store.listRecordGaps()).toEqual([
      expect.objectContaining({
        installationId: 848733,
        startsAt: deliveredAt - 60_000,
        endsAt: deliveredAt + 60_000,
        reason: "redelivery_refused",
        state: "catch_up",
      }),
    ]);
    // Not asked for again.
    expect((await recover()).asked).toBe(0);
  });

  it("leaves what a list cut short did not reach to a catch-up of every installation", async () => {
    const chain = kodiakChain();
    await ctx.store.writeMark("redelivery-watermark", Date.now() - 60 * 60_000);
    for (const delivery of chain) await send(delivery);
    await ctx.store.applyChanges([
      {
        kind: "repository",
        record: { installationId: 7, repositoryId: 70, fullName: "acme/x", private: false },
      },
    ]);
    const run = await recoverMissedDeliveries({
      store: ctx.store,
      deliveries: {
        ...deliveries(),
        // Pages of two: three pages hold the six deliveries, and only one is read.
        listPage: (cursor) => deliveries().listPage(cursor, 2),
      },
      events: SUBSCRIBED_EVENTS,
      now: later(),
      clock: () => new Date(),
      maxPages: 1,
    });
    expect(run).toMatchObject({ reach: "cut_short", pages: 1, asked: 0 });
    const gaps = await ctx.store.listRecordGaps();
    expect(gaps.map((g) => [g.installationId, g.reason, g.state]).sort()).toEqual([
      [7, "list_cut_short", "catch_up"],
      [848733, "list_cut_short", "catch_up"],
    ]);
  });

  it("leaves a gap to a catch-up where the list cannot reach, and on an Enterprise Server without it", async () => {
    const endsAt = Date.now() - 60_000;
    const gap = (startsAt: number): RecordGap => ({
      installationId: 848733,
      startsAt,
      endsAt,
      reason: "down",
      state: "redelivery",
      openedAt: Date.now(),
      checked: false,
      lastError: null,
    });
    const fourDaysAgo = Date.now() - 4 * 86_400_000;
    const anHourAgo = Date.now() - 3_600_000;
    await ctx.store.openRecordGaps([gap(fourDaysAgo), gap(anHourAgo)]);
    const run = await recover();
    expect(run.reach).toBe("end");
    // Older than GitHub keeps deliveries: only a backfill recovers it; the recent one is read
    // over, nothing in it is missing, and it closes.
    expect(await ctx.store.listRecordGaps()).toEqual([
      { ...gap(fourDaysAgo), state: "catch_up", openedAt: expect.any(Number) },
    ]);

    await github.stop();
    github = await startDeliveringGitHub({
      appId: APP_ID,
      appPrivateKey: TEST_PRIVATE_KEY,
      webhookSecret: WEBHOOK_SECRET,
      withoutDeliveriesApi: true,
    });
    await ctx.store.openRecordGaps([gap(anHourAgo)]);
    const unavailable = await recover();
    expect(unavailable).toMatchObject({ reach: "unavailable", gaps: { toCatchUp: 1 } });
    expect((await ctx.store.listRecordGaps()).map((g) => g.state)).toEqual([
      "catch_up",
      "catch_up",
    ]);
  });
});
