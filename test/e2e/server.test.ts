import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { kodiakChain } from "../helpers/fixtures.js";
import { postDelivery, sign, startServer } from "../helpers/probot-server.js";
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
});
