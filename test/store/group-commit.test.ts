import { afterEach, describe, expect, it } from "vitest";
import { type Delivery, normalizeDelivery } from "../../src/ingest/index.js";
import type { DeliveryRecord, Store, StoreChange } from "../../src/store/index.js";
import { readDeliveryStream } from "../helpers/fixtures.js";
import { tempPostgresStore } from "../helpers/temp-postgres.js";
import { tempStore } from "../helpers/temp-store.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const backends: [string, () => Promise<{ store: Store; cleanup: () => Promise<void> }>][] = [
  ["SQLite", tempStore],
  ["PostgreSQL", tempPostgresStore],
];

function normalized(
  deliveries: Delivery[],
): { delivery: DeliveryRecord; changes: StoreChange[] }[] {
  return deliveries.flatMap((d) => {
    const n = normalizeDelivery(d);
    return n.ignored ? [] : [{ delivery: n.delivery, changes: n.changes }];
  });
}

describe.each(backends)("%s: deliveries that arrive together share a commit", (_name, opened) => {
  const open = async () => {
    const { store, cleanup } = await opened();
    cleanups.push(cleanup);
    return store;
  };
  const batch = normalized(readDeliveryStream("demo/deliveries.jsonl").slice(0, 150));

  it("stores a burst exactly as one-by-one ingest does", async () => {
    const sequential = await open();
    for (const n of batch) await sequential.applyDelivery(n.delivery, n.changes);
    const burst = await open();
    const results = await Promise.all(batch.map((n) => burst.applyDelivery(n.delivery, n.changes)));
    expect(results.every((result) => result === "applied")).toBe(true);
    expect(await burst.dumpActivity()).toEqual(await sequential.dumpActivity());
  });

  it("answers the second copy of a delivery in the same burst as a duplicate", async () => {
    const store = await open();
    const [first] = batch;
    if (!first) throw new Error("no delivery");
    const results = await Promise.all([
      store.applyDelivery(first.delivery, first.changes),
      store.applyDelivery(first.delivery, first.changes),
    ]);
    expect(results).toEqual(["applied", "duplicate"]);
  });

  it("rolls back only the delivery that fails; the rest of the burst is kept", async () => {
    const store = await open();
    const [good, bad, alsoGood] = batch.filter((n) =>
      n.changes.some((c) => c.kind === "pull_request"),
    );
    if (!good || !bad || !alsoGood) throw new Error("fixture has too few PR deliveries");
    const broken = bad.changes.map((change) =>
      change.kind === "pull_request"
        ? { ...change, record: { ...change.record, title: null as unknown as string } }
        : change,
    );
    const settled = await Promise.allSettled([
      store.applyDelivery(good.delivery, good.changes),
      store.applyDelivery(bad.delivery, broken),
      store.applyDelivery(alsoGood.delivery, alsoGood.changes),
    ]);
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    const ids = (await store.dumpDeliveryLog()).deliveries.map((row) => row.deliveryId);
    expect(ids.sort()).toEqual([good.delivery.deliveryId, alsoGood.delivery.deliveryId].sort());
  });
});
