import { createHmac } from "node:crypto";
import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DeliveryObservation } from "../../src/app.js";
import { kodiakChain } from "../helpers/fixtures.js";
import { postDelivery, sign, startServer, WEBHOOK_SECRET } from "../helpers/probot-server.js";
import { countRows, type TempStore, tempStore } from "../helpers/temp-store.js";

describe("the Probot server with signed deliveries", () => {
  let ctx: TempStore;
  let server: Awaited<ReturnType<typeof startServer>>;

  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
  });
  afterAll(() => nock.enableNetConnect());
  beforeEach(async () => {
    ctx = await tempStore();
    server = await startServer({ store: ctx.store, clock: () => new Date("2019-05-02T00:00:00Z") });
  });
  afterEach(async () => {
    await server.stop();
    await ctx.cleanup();
  });

  const count = (table: Parameters<typeof countRows>[1]) => countRows(ctx.store, table);

  it("stores a delivery with a good signature", async () => {
    const [opened] = kodiakChain();
    const response = await postDelivery(server.url, {
      name: "pull_request",
      id: "good-1",
      body: JSON.stringify(opened?.payload),
    });
    expect(response.status).toBe(200);
    expect(await count("deliveries")).toBe(1);
    expect(await count("pull_requests")).toBe(1);
  });

  it("rejects a bad signature with a 4xx and stores nothing", async () => {
    const [opened] = kodiakChain();
    const body = JSON.stringify(opened?.payload);
    const response = await postDelivery(server.url, {
      name: "pull_request",
      id: "bad-1",
      body,
      signature: sign(body, "not-the-secret"),
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(await count("deliveries")).toBe(0);
    expect(await count("pull_requests")).toBe(0);
  });

  it.each([
    ["without X-Hub-Signature-256", {}],
    ["with only GitHub's SHA-1 X-Hub-Signature", { "x-hub-signature": "sha1" }],
    ["signed with Probot's default secret `development`", { "x-hub-signature-256": "development" }],
  ])("refuses a delivery %s with a 401, and stores nothing", async (_label, signature) => {
    const [opened] = kodiakChain();
    const body = JSON.stringify(opened?.payload);
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "x-github-event": "pull_request",
      "x-github-delivery": "unsigned-1",
    };
    if ("x-hub-signature" in signature)
      headers["x-hub-signature"] =
        `sha1=${createHmac("sha1", WEBHOOK_SECRET).update(body).digest("hex")}`;
    if ("x-hub-signature-256" in signature)
      headers["x-hub-signature-256"] = sign(body, "development");
    const response = await fetch(`${server.url}/api/github/webhooks`, {
      method: "POST",
      headers,
      body,
    });
    expect(response.status).toBe(401);
    expect(await count("deliveries")).toBe(0);
    expect(await count("pull_requests")).toBe(0);
  });

  it("answers malformed JSON with a 4xx and keeps serving", async () => {
    const body = '{"action": "opened", "pull_request": ';
    const response = await postDelivery(server.url, { name: "pull_request", id: "broken-1", body });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    const health = await fetch(`${server.url}/expectations/health`);
    expect(health.status).toBe(200);
    const [opened] = kodiakChain();
    const next = await postDelivery(server.url, {
      name: "pull_request",
      id: "good-2",
      body: JSON.stringify(opened?.payload),
    });
    expect(next.status).toBe(200);
    expect(await count("pull_requests")).toBe(1);
  });

  it("keeps a payload that is JSON but not a pull request, and answers 422 naming the field", async () => {
    const body = JSON.stringify({
      action: "opened",
      installation: { id: 1 },
      pull_request: { id: "nope" },
    });
    const response = await postDelivery(server.url, { name: "pull_request", id: "odd-1", body });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      outcome: "malformed",
      error: expect.stringContaining("payload.pull_request.id"),
    });
    expect(await count("failed_deliveries")).toBe(1);
    expect(await count("pull_requests")).toBe(0);
  });

  it("tells an observer each delivery's outcome, answer status and time", async () => {
    const observed: DeliveryObservation[] = [];
    const observing = await startServer({
      store: ctx.store,
      onDelivery: (observation) => observed.push(observation),
    });
    try {
      const [opened] = kodiakChain();
      const body = JSON.stringify(opened?.payload);
      await postDelivery(observing.url, { name: "pull_request", id: "seen-1", body });
      await postDelivery(observing.url, { name: "pull_request", id: "seen-1", body });
      await postDelivery(observing.url, { name: "pull_request", id: "seen-2", body: "[]" });
      await postDelivery(observing.url, {
        name: "pull_request",
        id: "seen-3",
        body,
        signature: sign(body, "not-the-secret"),
      });
    } finally {
      await observing.stop();
    }
    expect(observed.map(({ ms: _ms, ...rest }) => rest)).toEqual([
      { event: "pull_request", delivery: "seen-1", outcome: "applied", status: 200 },
      { event: "pull_request", delivery: "seen-1", outcome: "duplicate", status: 200 },
      { event: "pull_request", delivery: "seen-2", outcome: "malformed", status: 422 },
      { event: "pull_request", delivery: "seen-3", outcome: "refused", status: 401 },
    ]);
    for (const { ms } of observed) expect(ms).toBeGreaterThanOrEqual(0);
  });
});
