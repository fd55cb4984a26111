import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestDelivery } from "../../src/ingest/index.js";
import type { ActivityTable } from "../../src/store/index.js";
import { kodiakChain, readDeliveryStream } from "../helpers/fixtures.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";

const KODIAK = 848733;

async function count(ctx: TempStore, table: ActivityTable, installationId: number) {
  const rows = (await ctx.store.dumpActivity())[table];
  return rows.filter((row) => JSON.parse(row).installationId === installationId).length;
}

describe("uninstalling and removing repositories purges their rows", () => {
  let ctx: TempStore;
  let other: number;
  beforeEach(async () => {
    ctx = await tempStore();
    const demo = readDeliveryStream("demo/deliveries.jsonl");
    for (const delivery of [...kodiakChain(), ...demo]) await ingestDelivery(ctx.store, delivery);
    const installations = await ctx.store.listInstallations();
    other = installations.map((i) => i.installationId).find((id) => id !== KODIAK) ?? -1;
    expect(await count(ctx, "pull_requests", KODIAK)).toBeGreaterThan(0);
    expect(await count(ctx, "pull_requests", other)).toBeGreaterThan(0);
  });
  afterEach(() => ctx.cleanup());

  it("installation.deleted removes everything of that installation and nothing else", async () => {
    const before = await count(ctx, "reviews", other);
    const outcome = await ingestDelivery(ctx.store, {
      name: "installation",
      id: "uninstall-1",
      payload: {
        action: "deleted",
        installation: { id: KODIAK, account: { login: "chdsbd", type: "User" } },
      },
      receivedAt: Date.parse("2019-06-01T00:00:00Z"),
    });
    expect(outcome.status).toBe("applied");
    for (const table of [
      "installations",
      "repositories",
      "pull_requests",
      "reviews",
      "review_requests",
      "milestones",
    ] as const) {
      expect(await count(ctx, table, KODIAK), table).toBe(0);
    }
    expect(await count(ctx, "reviews", other)).toBe(before);
  });

  it("installation_repositories.removed removes that repository's rows", async () => {
    const [repository] = await ctx.store.findRepositories("chdsbd/test_repo");
    await ingestDelivery(ctx.store, {
      name: "installation_repositories",
      id: "remove-1",
      payload: {
        action: "removed",
        installation: { id: KODIAK },
        repositories_added: [],
        repositories_removed: [
          { id: repository?.repositoryId, full_name: "chdsbd/test_repo", private: false },
        ],
      },
      receivedAt: Date.parse("2019-06-01T00:00:00Z"),
    });
    const dump = await ctx.store.dumpActivity();
    const mentions = Object.values(dump)
      .flat()
      .filter((row) => JSON.parse(row).repositoryId === repository?.repositoryId);
    expect(mentions).toEqual([]);
    expect(await count(ctx, "pull_requests", KODIAK)).toBe(0);
    expect(await ctx.store.findRepositories("chdsbd/test_repo")).toEqual([]);
  });
});
