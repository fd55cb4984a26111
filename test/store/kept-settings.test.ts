import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestDelivery } from "../../src/ingest/index.js";
import { readDeliveryStream } from "../helpers/fixtures.js";
import { tempStore } from "../helpers/temp-store.js";

const KODIAK = 848733;
const ANTS = 1000001;
const T = Date.parse("2019-10-01T12:00:00Z");

describe("the settings the app last read for each repository", () => {
  let ctx: Awaited<ReturnType<typeof tempStore>>;
  let kodiakRepository: number;
  beforeEach(async () => {
    ctx = await tempStore();
    for (const delivery of readDeliveryStream("demo/deliveries.jsonl"))
      await ingestDelivery(ctx.store, delivery);
    kodiakRepository = (await ctx.store.listRepositories(KODIAK))[0]?.repositoryId ?? -1;
  });
  afterEach(() => ctx.cleanup());

  const put = (installationId: number, repository: string, settings: string, at: number) =>
    ctx.store.putSettings({ installationId, repository, settings, updatedAt: at });

  it("keeps the latest text per repository by name, the owner's .github file too, each installation on its own", async () => {
    await put(KODIAK, "chdsbd/test_repo", '{"timezone":"UTC"}', T);
    await put(KODIAK, "chdsbd/.github", '{"reports":{}}', T);
    await put(ANTS, "panjf2000/ants", '{"timezone":"Asia/Shanghai"}', T);
    await put(KODIAK, "CHDSBD/Test_Repo", '{"timezone":"Europe/Berlin"}', T + 1000);
    expect(await ctx.store.listSettings(KODIAK)).toEqual([
      {
        installationId: KODIAK,
        repository: "chdsbd/.github",
        settings: '{"reports":{}}',
        updatedAt: T,
      },
      {
        installationId: KODIAK,
        repository: "chdsbd/test_repo",
        settings: '{"timezone":"Europe/Berlin"}',
        updatedAt: T + 1000,
      },
    ]);
    expect((await ctx.store.listSettings(ANTS)).map((s) => s.settings)).toEqual([
      '{"timezone":"Asia/Shanghai"}',
    ]);
  });

  it("reading the same settings again writes nothing: the time is when they changed", async () => {
    await put(KODIAK, "chdsbd/test_repo", '{"timezone":"UTC"}', T);
    const version = await ctx.store.dataVersion();
    await put(KODIAK, "chdsbd/test_repo", '{"timezone":"UTC"}', T + 60_000);
    expect((await ctx.store.listSettings(KODIAK))[0]?.updatedAt).toBe(T);
    expect(await ctx.store.dataVersion()).toBe(version);
  });

  it("goes with the repository when it is removed from the app, and all with the installation", async () => {
    await put(KODIAK, "chdsbd/test_repo", '{"timezone":"UTC"}', T);
    await put(KODIAK, "chdsbd/.github", '{"reports":{}}', T);
    await put(ANTS, "panjf2000/ants", '{"timezone":"UTC"}', T);
    await ingestDelivery(ctx.store, {
      name: "installation_repositories",
      id: "remove-settings-1",
      payload: {
        action: "removed",
        installation: { id: KODIAK },
        repositories_added: [],
        repositories_removed: [
          { id: kodiakRepository, full_name: "chdsbd/test_repo", private: false },
        ],
      },
      receivedAt: T,
    });
    expect((await ctx.store.listSettings(KODIAK)).map((s) => s.repository)).toEqual([
      "chdsbd/.github",
    ]);
    await ingestDelivery(ctx.store, {
      name: "installation",
      id: "uninstall-settings-1",
      payload: {
        action: "deleted",
        installation: { id: KODIAK, account: { login: "chdsbd", type: "User" } },
      },
      receivedAt: T,
    });
    expect(await ctx.store.listSettings(KODIAK)).toEqual([]);
    expect(await ctx.store.listSettings(ANTS)).toHaveLength(1);
  });
});
