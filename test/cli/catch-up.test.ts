import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { catchUp } from "../../src/cli/catch-up.js";
import type { BackfillIO } from "../../src/cli/import-session.js";
import { reportFailure } from "../../src/cli/report-failure.js";
import { BACKFILL_LEASE_MS, backfillLeaseName } from "../../src/flows/backfill-lease.js";
import { ingestDelivery } from "../../src/ingest/index.js";
import { openStore, type Store } from "../../src/store/index.js";
import { webhookDeliveries } from "../backfill/history.js";
import { sampleHistory } from "../backfill/sample-history.js";
import { Captured } from "../helpers/captured-stream.js";
import { historyGitHub } from "../helpers/github/index.js";
import { APP_ID, TEST_PRIVATE_KEY, TestOctokit } from "../helpers/probot-server.js";

// 120 pull requests, one every six hours from 2026-03-02; the app was down from the 20th.
const history = sampleHistory({ pullRequests: 120, issues: 4 });
const DOWN_FROM = Date.parse("2026-03-20T00:00:00Z");
const NOW = "2026-04-02T12:00:00Z";

describe("expectations catch-up", () => {
  let dir: string;
  let db: string;
  let stdout: Captured;
  let stderr: Captured;

  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "expectations-catch-up-"));
    db = join(dir, "x.db");
    stdout = new Captured();
    stderr = new Captured();
  });
  afterEach(() => {
    nock.cleanAll();
    rmSync(dir, { recursive: true, force: true });
  });

  function io(overrides: Partial<BackfillIO> = {}): BackfillIO {
    return {
      env: { GITHUB_TOKEN: "ghp_test" },
      stdout,
      stderr,
      clock: () => new Date(NOW),
      sleep: async () => {},
      Octokit: TestOctokit,
      onInterrupt: () => () => {},
      ...overrides,
    };
  }

  async function withStore<T>(work: (store: Store) => Promise<T>): Promise<T> {
    const store = await openStore({ path: db });
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  }

  /** What the app recorded until it went down, and the gap it found when it started again. */
  async function downSinceThe20th() {
    await withStore(async (store) => {
      for (const delivery of webhookDeliveries(history).filter((d) => d.receivedAt < DOWN_FROM))
        await ingestDelivery(store, delivery);
      await store.openRecordGaps([
        {
          installationId: history.installationId,
          startsAt: DOWN_FROM,
          endsAt: Date.parse(NOW) - 3_600_000,
          reason: "down",
          state: "catch_up",
          openedAt: Date.parse(NOW) - 3_600_000,
          checked: false,
          lastError: null,
        },
      ]);
    });
  }

  it("catches each installation up over its open gaps and closes them (exit 0)", async () => {
    await downSinceThe20th();
    const fake = historyGitHub(history);
    const before = await withStore(async (s) => (await s.dumpActivity()).pull_requests.length);

    expect(await catchUp({ db, installation: String(history.installationId) }, io())).toBe(0);

    expect(stdout.text).toContain(
      "installation 4242: caught up since 2026-03-19T23:45:00.000Z, 1 repositories, 1 gaps closed",
    );
    // From the gap less a margin: the pages down to it, open items left alone.
    expect(fake.graphqlCalls.every((c) => c.variables.withStale === false)).toBe(true);
    expect(fake.graphqlCalls[0]?.variables.since).toBe("2026-03-19T23:45:00Z");
    await withStore(async (store) => {
      expect(await store.listRecordGaps()).toEqual([]);
      expect((await store.dumpActivity()).pull_requests.length).toBeGreaterThan(before);
    });
  });

  it("stops after the page in flight on Ctrl-C, keeps the gap (exit 1), and resumes from there", async () => {
    await downSinceThe20th();
    const fake = historyGitHub(history);
    let interrupt = () => {};
    const stopping = io({
      onInterrupt: (stop) => {
        interrupt = stop;
        return () => {};
      },
    });
    // Ctrl-C as soon as the first page is read.
    fake.graphqlCalls.push = new Proxy(fake.graphqlCalls.push, {
      apply(target, self, args) {
        interrupt();
        return Reflect.apply(target, self, args);
      },
    });
    expect(await catchUp({ db, installation: "4242" }, stopping)).toBe(1);
    expect(stdout.text).toContain("installation 4242: not finished");
    expect(await withStore((s) => s.listRecordGaps())).toHaveLength(1);

    nock.cleanAll();
    const again = historyGitHub(history);
    expect(await catchUp({ db, installation: "4242" }, io())).toBe(0);
    // Resumed after the first page: it is not asked for again.
    expect(fake.graphqlCalls).toHaveLength(1);
    expect(fake.graphqlCalls[0]?.variables.pullRequestsAfter).toBeNull();
    expect(again.graphqlCalls[0]?.variables.pullRequestsAfter).toEqual(expect.any(String));
    expect(await withStore((s) => s.listRecordGaps())).toEqual([]);
  });

  it("leaves a repository whose import another machine's catch-up holds, even one with the same pid (exit 1)", async () => {
    await downSinceThe20th();
    const fake = historyGitHub(history);
    const [repository] = await withStore((s) => s.listRepositories(history.installationId));
    await withStore((s) =>
      s.acquireLease(
        backfillLeaseName(history.installationId, repository?.repositoryId ?? -1),
        `catch-up:${process.pid}`,
        Date.parse(NOW),
        BACKFILL_LEASE_MS,
      ),
    );

    expect(await catchUp({ db, installation: String(history.installationId) }, io())).toBe(1);

    expect(stdout.text).toContain("being imported elsewhere: acme/widgets");
    expect(fake.graphqlCalls).toEqual([]);
  });

  it("says when the store knows no installation at all", async () => {
    const app = { APP_ID: String(APP_ID), PRIVATE_KEY: TEST_PRIVATE_KEY };
    expect(await catchUp({ db }, { ...io(), env: app })).toBe(0);
    expect(stdout.text).toBe("the store knows no installation: nothing to catch up\n");
  });

  it("has nothing to do without a gap, unless given --since", async () => {
    await withStore(async (store) => {
      for (const delivery of webhookDeliveries(history).slice(0, 20))
        await ingestDelivery(store, delivery);
    });
    const fake = historyGitHub(history);
    expect(await catchUp({ db, installation: "4242" }, io())).toBe(0);
    expect(stdout.text).toBe("installation 4242: no gap in its record\n");
    expect(fake.graphqlCalls).toEqual([]);
    expect(await catchUp({ db, installation: "4242", since: "2026-03-31" }, io())).toBe(0);
    expect(fake.graphqlCalls[0]?.variables.since).toBe("2026-03-31T00:00:00Z");
  });

  it.each([
    [{ since: "2026-03-01" }, "with GITHUB_TOKEN, give --installation"],
    [{ installation: "x" }, '--installation: "x" is not a whole number'],
    [{ installation: "1", since: "2026-05-01" }, "--since must be in the past"],
    [{ installation: "1", since: "March 1" }, "--since"],
  ])("refuses %j as wrong usage (exit 2)", async (options, message) => {
    const failure = await catchUp({ db, ...options }, io()).catch((error: unknown) => error);
    const err = new Captured();
    expect(await reportFailure(failure, err, false)).toBe(2);
    expect(err.text).toContain(message);
  });
});
