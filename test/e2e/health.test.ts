import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmbeddedServer, startEmbeddedPostgres } from "../../bench/embedded-postgres.js";
import { openStore, type Store } from "../../src/store/index.js";
import { eventually } from "../helpers/eventually.js";
import { kodiakChain } from "../helpers/fixtures.js";
import { postDelivery, startServer } from "../helpers/probot-server.js";

describe("health and liveness while PostgreSQL goes away and comes back", () => {
  let database: EmbeddedServer;
  let store: Store;
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    // A server of this test's own: it is stopped and started again.
    database = await startEmbeddedPostgres();
    store = await openStore({ url: database.url });
    server = await startServer({ store });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await store?.close();
    await database?.remove();
  });

  const get = async (path: string) => {
    const response = await fetch(`${server.url}${path}`);
    return { status: response.status, body: (await response.json()) as Record<string, string> };
  };
  const deliver = (id: string) => {
    const [opened] = kodiakChain();
    return postDelivery(server.url, {
      name: "pull_request",
      id,
      body: JSON.stringify(opened?.payload),
    });
  };

  it("answers 503 with a reason while the database is unreachable, 200 once it is back; liveness stays 200", async () => {
    expect(await get("/expectations/health")).toEqual({ status: 200, body: { status: "ok" } });
    expect((await deliver("before")).status).toBe(200);

    await database.stop();
    const down = await get("/expectations/health");
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ status: "unavailable", reason: expect.stringMatching(/database/) });
    expect(await get("/expectations/live")).toEqual({ status: 200, body: { status: "ok" } });
    // Not recorded, so not acknowledged: GitHub keeps it for a redelivery.
    expect((await deliver("while-down")).status).toBeGreaterThanOrEqual(500);

    await database.start();
    // The pool connects again by itself: no restart of the app.
    expect(await eventually(async () => (await get("/expectations/health")).status === 200)).toBe(
      true,
    );
    expect((await deliver("while-down")).status).toBe(200);
    const { deliveries } = await store.dumpDeliveryLog();
    expect(deliveries.map((d) => d.deliveryId).sort()).toEqual(["before", "while-down"]);
  });
});
