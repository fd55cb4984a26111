import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestDelivery } from "../../src/ingest/index.js";
import { kodiakChain, readDeliveryStream } from "../helpers/fixtures.js";
import { dumpActivity, tempStore } from "../helpers/temp-store.js";

const KODIAK = 848733;

function count(ctx: ReturnType<typeof tempStore>, table: string, installationId: number): number {
  const row = ctx.store.db
    .prepare(`SELECT count(*) AS n FROM ${table} WHERE installation_id = ?`)
    .get(installationId) as { n: number };
  return row.n;
}

describe("uninstalling and removing repositories purges their rows", () => {
  let ctx: ReturnType<typeof tempStore>;
  let other: number;
  beforeEach(async () => {
    ctx = tempStore();
    const demo = readDeliveryStream("demo/deliveries.jsonl");
    for (const delivery of [...kodiakChain(), ...demo]) await ingestDelivery(ctx.store, delivery);
    const installations = await ctx.store.listInstallations();
    other = installations.map((i) => i.installationId).find((id) => id !== KODIAK) ?? -1;
    expect(count(ctx, "pull_requests", KODIAK)).toBeGreaterThan(0);
    expect(count(ctx, "pull_requests", other)).toBeGreaterThan(0);
  });
  afterEach(() => ctx.cleanup());

  it("installation.deleted removes everything of that installation and nothing else", async () => {
    const before = count(ctx, "reviews", other);
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
    ]) {
      expect(count(ctx, table, KODIAK), table).toBe(0);
    }
    expect(count(ctx, "reviews", other)).toBe(before);
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
    const dump = dumpActivity(ctx.store);
    const mentions = Object.values(dump)
      .flat()
      .filter((row) => String(row).includes(`"repository_id":${repository?.repositoryId}`));
    expect(mentions).toEqual([]);
    expect(count(ctx, "pull_requests", KODIAK)).toBe(0);
    expect(await ctx.store.findRepositories("chdsbd/test_repo")).toEqual([]);
  });
});
