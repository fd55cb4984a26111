import examples from "@octokit/webhooks-examples";
import nock from "nock";
import { Probot } from "probot";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deliveryObserver, operationsMetrics } from "../../src/cli/operations-metrics.js";
import { operationsSnapshot } from "../../src/cli/operations-snapshot.js";
import { serveSettings } from "../../src/cli/serve-settings.js";
import { recoverMissedDeliveries } from "../../src/flows/index.js";
import { expectationsOctokit } from "../../src/github/index.js";
import type { Delivery } from "../../src/ingest/index.js";
import { SUBSCRIBED_EVENTS } from "../../src/recovery/index.js";
import { appDeliveries } from "../helpers/app-deliveries.js";
import { kodiakChain } from "../helpers/fixtures.js";
import { type DeliveringGitHub, startDeliveringGitHub } from "../helpers/github/index.js";
import {
  APP_ID,
  postDelivery,
  startServer,
  TEST_PRIVATE_KEY,
  WEBHOOK_SECRET,
} from "../helpers/probot-server.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";

const TOKEN = "metrics-token-0123456789abcdef";

/** One sample of the Prometheus text: `name{labels} value`; undefined when absent. */
function sample(text: string, name: string, labels = ""): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ""} `));
  return line === undefined ? undefined : Number(line.split(" ").at(-1));
}

describe("/expectations/metrics", () => {
  let ctx: TempStore;
  let server: Awaited<ReturnType<typeof startServer>>;
  let github: DeliveringGitHub;
  let metrics: NonNullable<ReturnType<typeof operationsMetrics>>;

  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
  });
  afterAll(() => nock.enableNetConnect());
  beforeEach(async () => {
    ctx = await tempStore();
    const found = operationsMetrics(TOKEN, () =>
      operationsSnapshot(ctx.store, ["redelivery"], Date.now()),
    );
    if (!found) throw new Error("metrics are off");
    metrics = found;
    // As serve mounts them: the route beside the webhooks, the observer on every delivery.
    server = await startServer({
      store: ctx.store,
      routes: [metrics.route],
      onDelivery: deliveryObserver(metrics),
    });
    github = await startDeliveringGitHub({
      appId: APP_ID,
      appPrivateKey: TEST_PRIVATE_KEY,
      webhookSecret: WEBHOOK_SECRET,
      target: server.url,
    });
  });
  afterEach(async () => {
    nock.cleanAll();
    await github.stop();
    await server.stop();
    await ctx.cleanup();
  });

  const scrape = (authorization?: string) =>
    fetch(`${server.url}/expectations/metrics`, {
      headers: authorization ? { authorization } : {},
    });
  const post = (delivery: Delivery) =>
    postDelivery(server.url, {
      name: delivery.name,
      id: delivery.id,
      body: JSON.stringify(delivery.payload),
    });

  it("is off unless METRICS_TOKEN is set, and refused without the token", async () => {
    expect(operationsMetrics(undefined, async () => ({ storeUp: true }))).toBeUndefined();
    expect(() => serveSettings({ METRICS_TOKEN: "short" }, process.cwd())).toThrow(
      "METRICS_TOKEN is shorter than 16 characters",
    );
    const bare = await startServer({ store: ctx.store });
    try {
      expect((await fetch(`${bare.url}/expectations/metrics`)).status).toBe(404);
    } finally {
      await bare.stop();
    }
    for (const authorization of [undefined, "Bearer wrong", `Basic ${TOKEN}`, `Bearer ${TOKEN}x`]) {
      const refused = await scrape(authorization);
      expect(refused.status).toBe(401);
      expect(refused.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
      expect(await refused.text()).not.toContain("expectations_");
    }
    expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(200);
  });

  it("says the store is down when it does not answer, and nothing else of it", async () => {
    const down = {
      ping: () => Promise.reject(new Error("connection refused")),
      listPublishWork: () => Promise.reject(new Error("unused")),
      listRecordGaps: () => Promise.reject(new Error("unused")),
      getNextRun: () => Promise.reject(new Error("unused")),
    };
    expect(await operationsSnapshot(down, ["redelivery"], Date.now())).toEqual({ storeUp: false });
    const off = operationsMetrics(TOKEN, () => operationsSnapshot(down, [], 0));
    expect(sample((await off?.telemetry.render()) ?? "", "expectations_store_up")).toBe(0);
  });

  it("counts a known stream of deliveries, the queue, gaps, redeliveries, rate limits and job lag", async () => {
    const chain = kodiakChain();
    for (const delivery of chain) expect((await post(delivery)).status).toBe(200);
    // The first again (a duplicate), an event not followed, and a payload that does not fit.
    await post(chain[0] as Delivery);
    const completed = (
      examples as unknown as { name: string; examples: Record<string, unknown>[] }[]
    )
      .find((e) => e.name === "check_run")
      ?.examples.find((p) => p.action === "completed");
    await post({ name: "check_run", id: "ignored-1", payload: completed, receivedAt: 0 });
    await post({
      name: "pull_request",
      id: "malformed-1",
      payload: { action: "opened", installation: { id: 848733 }, pull_request: {} },
      receivedAt: 0,
    });

    // A job behind its time, and a redelivery asked for and then arrived.
    await ctx.store.setNextRun("redelivery", Date.now() - 120_000, null);
    github.target = undefined;
    await github.send({ name: "pull_request", payload: chain[1]?.payload, guid: "missed-1" });
    github.target = server.url;
    const recover = () =>
      recoverMissedDeliveries({
        store: ctx.store,
        deliveries: appDeliveries(github, { telemetry: metrics.telemetry }),
        events: SUBSCRIBED_EVENTS,
        now: new Date(Date.now() + 60_000),
        clock: () => new Date(),
        telemetry: metrics.telemetry,
      });
    expect((await recover()).asked).toBe(1);
    await github.settled();
    expect((await recover()).recovered).toBe(1);

    // A gap still open (the runs above closed none of it: it was not there yet).
    await ctx.store.openRecordGaps([
      {
        installationId: 848733,
        startsAt: Date.now() - 3_600_000,
        endsAt: Date.now() - 1_800_000,
        reason: "down",
        state: "redelivery",
        openedAt: Date.now() - 1_800_000,
        checked: false,
        lastError: null,
      },
    ]);
    // What GitHub says is left, seen on an installation's requests.
    nock("https://api.github.com")
      .post("/app/installations/4242/access_tokens")
      .reply(201, { token: "ghs_4242", expires_at: "2099-01-01T00:00:00Z" })
      .get("/repos/acme/widgets")
      .reply(200, { id: 1 }, { "x-ratelimit-remaining": "4321" });
    const app = new Probot({
      appId: APP_ID,
      privateKey: TEST_PRIVATE_KEY,
      Octokit: expectationsOctokit(5_000, metrics.telemetry).defaults({
        retry: { enabled: false },
        throttle: { enabled: false },
      }),
    });
    await (await app.auth(4242)).request("GET /repos/{owner}/{repo}", {
      owner: "acme",
      repo: "widgets",
    });

    const response = await scrape(`Bearer ${TOKEN}`);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    const received = (event: string) =>
      sample(text, "expectations_deliveries_received_total", `event="${event}"`);
    // The stream, plus the redelivery of the missed one (a pull_request, applied).
    expect(received("pull_request")).toBe(3 + 1 + 1 + 1);
    expect(received("pull_request_review")).toBe(3);
    expect(received("check_run")).toBe(1);
    expect(sample(text, "expectations_deliveries_applied_total", 'event="pull_request"')).toBe(4);
    expect(
      sample(text, "expectations_deliveries_applied_total", 'event="pull_request_review"'),
    ).toBe(3);
    expect(sample(text, "expectations_deliveries_duplicate_total", 'event="pull_request"')).toBe(1);
    expect(sample(text, "expectations_deliveries_ignored_total", 'event="check_run"')).toBe(1);
    expect(sample(text, "expectations_deliveries_failed_total", 'event="pull_request"')).toBe(1);
    expect(sample(text, "expectations_delivery_answer_seconds_count")).toBe(10);
    expect(sample(text, "expectations_delivery_answer_seconds_bucket", 'le="+Inf"')).toBe(10);
    expect(sample(text, "expectations_store_up")).toBe(1);
    expect(sample(text, "expectations_publish_queue_depth")).toBe(
      (await ctx.store.listPublishWork()).length,
    );
    expect(sample(text, "expectations_publish_queue_oldest_age_seconds")).toBeGreaterThan(0);
    expect(sample(text, "expectations_record_gaps_open", 'installation="848733"')).toBe(1);
    expect(
      sample(text, "expectations_record_gap_oldest_age_seconds", 'installation="848733"'),
    ).toBeGreaterThanOrEqual(1_800);
    expect(sample(text, "expectations_redeliveries_total", 'outcome="asked"')).toBe(1);
    expect(sample(text, "expectations_redeliveries_total", 'outcome="recovered"')).toBe(1);
    expect(sample(text, "expectations_github_rate_limit_remaining", 'installation="4242"')).toBe(
      4321,
    );
    expect(sample(text, "expectations_github_rate_limit_remaining", 'installation="app"')).toBe(
      4999,
    );
    expect(sample(text, "expectations_job_lag_seconds", 'job="redelivery"')).toBeGreaterThanOrEqual(
      120,
    );
  });
});
