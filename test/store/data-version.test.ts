import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestDelivery } from "../../src/ingest/index.js";
import { openStore } from "../../src/store/index.js";
import { kodiakChain } from "../helpers/fixtures.js";
import { tempStore } from "../helpers/temp-store.js";

describe("the store's data version", () => {
  let ctx: Awaited<ReturnType<typeof tempStore>>;
  beforeEach(async () => {
    ctx = await tempStore();
  });
  afterEach(() => ctx.cleanup());

  it("stays the same while only reads happen", async () => {
    const [opened] = kodiakChain();
    if (opened) await ingestDelivery(ctx.store, opened);
    const before = await ctx.store.dataVersion();
    await ctx.store.listRepositories(848733);
    await ctx.store.loadActivity({
      installationId: 848733,
      repositoryIds: [183980723],
      since: 0,
      until: Date.now(),
    });
    expect(await ctx.store.dataVersion()).toBe(before);
  });

  it("changes with a delivery this process records", async () => {
    const [opened, requested] = kodiakChain();
    if (opened) await ingestDelivery(ctx.store, opened);
    const before = await ctx.store.dataVersion();
    if (requested) await ingestDelivery(ctx.store, requested);
    expect(await ctx.store.dataVersion()).not.toBe(before);
  });

  it("changes when another process writes the same file (a backfill from the CLI)", async () => {
    const before = await ctx.store.dataVersion();
    const other = await openStore({ path: ctx.path });
    try {
      for (const delivery of kodiakChain()) await ingestDelivery(other, delivery);
    } finally {
      await other.close();
    }
    expect(await ctx.store.dataVersion()).not.toBe(before);
  });
});
