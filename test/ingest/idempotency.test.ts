import { afterEach, describe, expect, it } from "vitest";
import { type Delivery, ingestDelivery } from "../../src/ingest/index.js";
import { kodiakChain, readDeliveryStream, shuffled } from "../helpers/fixtures.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";

const stores: TempStore[] = [];
afterEach(async () => {
  for (const ctx of stores.splice(0)) await ctx.cleanup();
});

async function ingestAll(deliveries: Delivery[]) {
  const ctx = await tempStore();
  stores.push(ctx);
  for (const delivery of deliveries) await ingestDelivery(ctx.store, delivery);
  return ctx.store;
}

function stream(): Delivery[] {
  return [...kodiakChain(), ...readDeliveryStream("demo/deliveries.jsonl")];
}

describe("idempotency and order", () => {
  it("a delivery id seen before changes nothing", async () => {
    const deliveries = stream();
    const clean = await ingestAll(deliveries);
    const store = await ingestAll([...deliveries, ...deliveries]);
    expect(await store.dumpActivity()).toEqual(await clean.dumpActivity());
    const [first] = deliveries;
    expect(await ingestDelivery(store, first as Delivery)).toMatchObject({ status: "duplicate" });
  });

  it("a redelivery under a new id converges to the same rows", async () => {
    const deliveries = stream();
    const clean = await ingestAll(deliveries);
    const redelivered = deliveries.map((d) => ({
      ...d,
      id: `${d.id}-redelivery`,
      receivedAt: d.receivedAt + 60_000,
    }));
    const store = await ingestAll([...deliveries, ...redelivered]);
    expect(await store.dumpActivity()).toEqual(await clean.dumpActivity());
  });

  it.each([1, 2, 3])("shuffled order (seed %i) gives identical rows", async (seed) => {
    const deliveries = stream();
    const clean = await ingestAll(deliveries);
    const mixed = await ingestAll(shuffled(deliveries, seed));
    const cleanDump = await clean.dumpActivity();
    expect(cleanDump.pull_requests.length).toBeGreaterThan(50);
    expect(cleanDump.reviews.length).toBeGreaterThan(30);
    expect(await mixed.dumpActivity()).toEqual(cleanDump);
  });
});
