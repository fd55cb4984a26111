import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { demoStreamCopies } from "../../../bench/demo-deliveries.js";
import { tempDir } from "../../../bench/temp-dir.js";
import { ingestDelivery } from "../../../src/ingest/index.js";
import { runDueJobs, type ScheduledJob } from "../../../src/schedule/index.js";
import { openStore, type PullRequestRow, type StoreChange } from "../../../src/store/index.js";
import { tempStore } from "../../helpers/temp-store.js";
import { postBurst } from "../support/burst.js";
import { startServerProcess } from "../support/server-process.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const BACKFILL_INSTALLATION = 424_242;
const MINUTE = 60_000;

/**
 * One page of a backfill: 250 pull requests with two reviews each, as one transaction. It reads
 * before it writes (the newest-wins check), the pattern that can meet SQLITE_BUSY on upgrade.
 */
function backfillPage(page: number): StoreChange[] {
  const changes: StoreChange[] = [];
  for (let i = 0; i < 250; i++) {
    const id = page * 1_000 + i;
    const createdAt = Date.parse("2026-01-01T00:00:00Z") + id * MINUTE;
    changes.push({
      kind: "pull_request",
      record: {
        installationId: BACKFILL_INSTALLATION,
        repositoryId: 77,
        pullRequestId: id,
        nodeId: `PR_${id}`,
        number: id,
        title: `Change ${id}`,
        author: { login: `dev${id % 40}`, type: "User" },
        authorAssociation: "MEMBER",
        draft: false,
        state: "closed",
        createdAt,
        updatedAt: createdAt + 90 * MINUTE,
        closedAt: createdAt + 90 * MINUTE,
        mergedAt: createdAt + 90 * MINUTE,
        mergedBy: `dev${(id + 1) % 40}`,
        milestoneId: null,
        headSha: `sha${id}`,
        headRef: `change-${id}`,
        baseRef: "main",
        labels: [],
      },
    });
    for (const r of [1, 2]) {
      changes.push({
        kind: "review",
        record: {
          installationId: BACKFILL_INSTALLATION,
          repositoryId: 77,
          pullRequestId: id,
          reviewId: id * 10 + r,
          reviewer: { login: `dev${(id + r) % 40}`, type: "User" },
          state: r === 1 ? "COMMENTED" : "APPROVED",
          dismissed: false,
          submittedAt: createdAt + r * 30 * MINUTE,
          commitId: `sha${id}`,
          authorAssociation: "MEMBER",
        },
      });
    }
  }
  changes.push({
    kind: "repository",
    record: {
      installationId: BACKFILL_INSTALLATION,
      repositoryId: 77,
      fullName: "acme/big-history",
      private: true,
    },
  });
  return changes;
}

describe("concurrency", () => {
  it("a burst of deliveries while the scheduled job reads and writes: no SQLITE_BUSY, nothing lost", async () => {
    const dir = tempDir("concurrency");
    cleanups.push(dir.remove);
    const databasePath = join(dir.path, "expectations.db");
    const deliveries = demoStreamCopies(3_000);

    const server = await startServerProcess(databasePath, dir.path);
    cleanups.push(() => {
      server.child.process.kill("SIGKILL");
    });
    // The scheduler's own connection, as in a second replica or `expectations backfill`.
    const store = await openStore({ path: databasePath });
    cleanups.push(() => store.close());

    let page = 0;
    const jobErrors: unknown[] = [];
    const job: ScheduledJob = {
      name: "backfill-and-evaluate",
      nextRunAfter: (after) => new Date(after.getTime() + MINUTE),
      run: async (now) => {
        await store.applyChanges(backfillPage(page++));
        // The last 30 days of what it wrote: a report-sized read.
        const until = Date.parse("2026-01-01T00:00:00Z") + page * 1_000 * MINUTE;
        const activity = await store.loadActivity({
          installationId: BACKFILL_INSTALLATION,
          repositoryIds: [77],
          since: until - 30 * 24 * 60 * MINUTE,
          until,
        });
        await store.putPublication({
          installationId: BACKFILL_INSTALLATION,
          key: `report:${now.toISOString()}`,
          repositoryId: 77,
          targetId: activity.pullRequests.length,
          contentHash: String(activity.reviews.length),
          state: "open",
          updatedAt: now.getTime(),
        });
      },
    };

    let now = new Date("2026-11-27T06:00:00Z");
    await runDueJobs(store, [job], now, { owner: "test" }); // schedules it
    let burstDone = false;
    let jobRuns = 0;
    const scheduler = (async () => {
      while (!burstDone) {
        now = new Date(now.getTime() + MINUTE);
        try {
          jobRuns += (await runDueJobs(store, [job], now, { owner: "test" })).length;
        } catch (error) {
          jobErrors.push(error);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const burst = await postBurst(server.url, deliveries, { concurrency: 24 });
    burstDone = true;
    await scheduler;

    expect(jobErrors.map(String)).toEqual([]);
    expect(jobRuns).toBeGreaterThanOrEqual(3);
    expect(Object.fromEntries(burst.statuses)).toEqual({ 200: deliveries.length });

    server.child.process.kill("SIGTERM");
    const { outcomes } = (await server.child.message((m) => "outcomes" in m)) as {
      outcomes: Record<string, number>;
    };
    await server.child.exited;

    // Every delivery is recorded exactly as an undisturbed ingest records it.
    const probe = await tempStore();
    cleanups.push(probe.cleanup);
    const expected: Record<string, number> = {};
    for (const delivery of deliveries) {
      const { status } = await ingestDelivery(probe.store, delivery);
      expected[status] = (expected[status] ?? 0) + 1;
    }
    expect(outcomes).toEqual(expected);
    // Each logged once: those recorded, and those not followed by their id alone.
    expect((await store.dumpDeliveryLog()).deliveries).toHaveLength(
      (expected.applied ?? 0) + (expected.ignored ?? 0),
    );
    const backfilled = (await store.dumpActivity()).pull_requests.filter(
      (row) => (JSON.parse(row) as PullRequestRow).installationId === BACKFILL_INSTALLATION,
    );
    expect(backfilled).toHaveLength(page * 250);
  });
});
