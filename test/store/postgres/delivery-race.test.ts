import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { normalizeDelivery } from "../../../src/ingest/index.js";
import { kodiakChain } from "../../helpers/fixtures.js";
import { tempPostgresStore } from "../../helpers/temp-postgres.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("a delivery id another transaction is storing meanwhile", () => {
  it("is answered as a duplicate once that one commits, and its changes are not applied twice", async () => {
    const { store, url, cleanup } = await tempPostgresStore();
    cleanups.push(cleanup);
    const [opened] = kodiakChain();
    if (!opened) throw new Error("no delivery");
    const normalized = normalizeDelivery(opened);
    if (normalized.ignored) throw new Error("the delivery is ignored");
    const { deliveryId } = normalized.delivery;

    // Another writer (one that does not take the repository's lock) has the id, not committed.
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    cleanups.push(() => other.end());
    await other.query("BEGIN");
    await other.query(
      "INSERT INTO deliveries (delivery_id, event, received_at) VALUES ($1, 'pull_request', 0)",
      [deliveryId],
    );
    const applying = store.applyDelivery(normalized.delivery, normalized.changes);
    // The store reads the id as absent, writes its rows, and waits on the id's unique index.
    for (let waited = 0; waited < 100; waited++) {
      const { rows } = await other.query(
        "SELECT 1 FROM pg_stat_activity WHERE application_name = 'probot-expectations' AND wait_event_type = 'Lock'",
      );
      if (rows.length > 0) break;
      await sleep(50);
    }
    await other.query("COMMIT");

    expect(await applying).toBe("duplicate");
    const activity = await store.dumpActivity();
    expect(activity.pull_requests).toEqual([]);
    expect(activity.repositories).toEqual([]);
    expect((await store.dumpDeliveryLog()).deliveries.map((d) => d.deliveryId)).toEqual([
      deliveryId,
    ]);
  });
});
