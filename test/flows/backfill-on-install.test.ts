import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { backfillOnInstall } from "../../src/flows/index.js";
import { ingestDelivery } from "../../src/ingest/index.js";
import type { ActivityDump } from "../../src/store/index.js";
import { webhookDeliveries } from "../backfill/history.js";
import { sampleHistory } from "../backfill/sample-history.js";
import { historyGitHub } from "../helpers/github/index.js";
import { loggerCalling } from "../helpers/logger-calling.js";
import { postDelivery, startServer, TestOctokit } from "../helpers/probot-server.js";
import { countRows, type TempStore, tempStore } from "../helpers/temp-store.js";

const history = sampleHistory({ pullRequests: 30, issues: 3 });
const NOW = new Date("2026-11-27T12:00:00Z");

const installationCreated = {
  action: "created",
  installation: { id: 4242, account: { login: "acme", id: 9000, type: "Organization" } },
  repositories: [{ id: 555_001, name: "widgets", full_name: "acme/widgets", private: true }],
  sender: { login: "lead", id: 9, type: "User" },
};

describe("backfill when the app is installed", () => {
  let ctx: TempStore;
  let server: Awaited<ReturnType<typeof startServer>>;
  let backfill: ReturnType<typeof backfillOnInstall>;

  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
  });
  afterAll(() => nock.enableNetConnect());
  beforeEach(async () => {
    ctx = await tempStore();
    backfill = backfillOnInstall({ store: ctx.store, clock: () => NOW, days: 365 });
    server = await startServer({
      store: ctx.store,
      reactions: [backfill.reaction],
      clock: () => NOW,
    });
  });
  afterEach(async () => {
    await server.stop();
    nock.cleanAll();
    await ctx.cleanup();
  });

  it("imports the installation's repositories in the background, as the webhooks would have", async () => {
    const fake = historyGitHub(history);
    const response = await postDelivery(server.url, {
      name: "installation",
      id: "install-1",
      body: JSON.stringify(installationCreated),
    });
    expect(response.status).toBe(200);
    await backfill.idle();

    expect(fake.graphqlCalls.map((c) => c.variables.since)).toEqual(["2025-11-27T12:00:00Z"]);
    const webhooks = await tempStore();
    try {
      await ingestDelivery(webhooks.store, {
        name: "installation",
        id: "install-1",
        payload: installationCreated,
        receivedAt: NOW.getTime(),
      });
      for (const delivery of webhookDeliveries(history))
        await ingestDelivery(webhooks.store, delivery);
      const strip = (dump: ActivityDump) =>
        Object.fromEntries(
          Object.entries(dump).map(([table, rows]) => [
            table,
            rows.map((row) => JSON.parse(row)).map(({ versionHash, ...rest }) => rest),
          ]),
        );
      expect(strip(await ctx.store.dumpActivity())).toEqual(
        strip(await webhooks.store.dumpActivity()),
      );
    } finally {
      await webhooks.cleanup();
    }
    expect(await ctx.store.getBackfillCursor(4242, 555_001, "graphql")).toMatchObject({
      done: true,
    });
  });

  it("imports repositories added later, and does not import one twice", async () => {
    const fake = historyGitHub(history);
    const added = {
      action: "added",
      installation: installationCreated.installation,
      repository_selection: "selected",
      repositories_added: [
        { id: 555_001, name: "widgets", full_name: "acme/widgets", private: true },
      ],
      repositories_removed: [],
      sender: { login: "lead", id: 9, type: "User" },
    };
    for (const id of ["added-1", "added-2"]) {
      await postDelivery(server.url, {
        name: "installation_repositories",
        id,
        body: JSON.stringify(added),
      });
      await backfill.idle();
    }
    // The second delivery finds the import done: nothing more to fetch.
    expect(fake.graphqlCalls).toHaveLength(1);
    expect(await countRows(ctx.store, "pull_requests")).toBe(30);
  });

  it("imports a repository in one replica at a time, and another takes it over when that one dies", async () => {
    const fake = historyGitHub(history);
    // Another replica holds the import's lease: it is importing.
    const lease = "backfill:4242:555001";
    expect(await ctx.store.acquireLease(lease, "replica-a", NOW.getTime(), 5 * 60_000)).toBe(true);
    await postDelivery(server.url, {
      name: "installation",
      id: "install-elsewhere",
      body: JSON.stringify(installationCreated),
    });
    await backfill.idle();
    expect(fake.graphqlCalls).toHaveLength(0);
    expect(await ctx.store.getBackfillCursor(4242, 555_001, "graphql")).toMatchObject({
      done: false,
    });

    // Replica a died; six minutes later its lease has run out and replica b's takeover runs it.
    const later = new Date(NOW.getTime() + 6 * 60_000);
    const takeover = backfillOnInstall({
      store: ctx.store,
      clock: () => later,
      days: 365,
      owner: "replica-b",
      connect: async () => new TestOctokit({ auth: "ghs_installation" }),
      log: loggerCalling({ info: () => {}, warn: () => {}, error: () => {} }),
    });
    await takeover.resumeUnfinished();
    await takeover.idle();
    expect(fake.graphqlCalls).toHaveLength(1);
    expect(await ctx.store.getBackfillCursor(4242, 555_001, "graphql")).toMatchObject({
      done: true,
    });
    expect(await countRows(ctx.store, "pull_requests")).toBe(30);
    // Finished, it gave the lease back.
    expect(await ctx.store.acquireLease(lease, "replica-c", later.getTime(), 60_000)).toBe(true);
  });
});
