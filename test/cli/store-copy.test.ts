import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { storeCopy } from "../../src/cli/store-copy.js";
import { ingestDelivery } from "../../src/ingest/index.js";
import { copyStore, openStore, type Store } from "../../src/store/index.js";
import { readDeliveryStream } from "../helpers/fixtures.js";
import { tempDatabase } from "../helpers/temp-postgres.js";

const T = Date.parse("2019-10-01T12:00:00Z");
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function folder(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "store-copy-"));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function opened(location: string): Promise<Store> {
  const store = await openStore(location.includes("://") ? { url: location } : { path: location });
  cleanups.push(() => store.close());
  return store;
}

/** Everything a store returns through its interfaces, for comparing two of them. */
async function everything(store: Store) {
  return {
    activity: await store.dumpActivity(),
    log: await store.dumpDeliveryLog(),
    queue: await store.listPublishWork(),
    publications: await store.readTable("publications"),
    jobs: await store.readTable("jobs"),
    cursors: await store.readTable("backfill_cursors"),
    settings: await store.listSettings(848733),
    sessions: await store.readTable("dashboard_sessions"),
  };
}

/** The demo stream recorded, with one of everything else a running app keeps. */
async function runningAppStore(path: string): Promise<Store> {
  const store = await opened(path);
  for (const delivery of readDeliveryStream("demo/deliveries.jsonl"))
    await ingestDelivery(store, delivery);
  await ingestDelivery(store, {
    name: "pull_request",
    id: "odd-1",
    payload: { action: "opened", installation: { id: 848733 }, pull_request: {} },
    receivedAt: T,
  });
  await store.putPublication({
    installationId: 848733,
    key: "check:release-readiness:PR_9:abc",
    repositoryId: 183980723,
    targetId: 555,
    contentHash: "h",
    state: "success",
    updatedAt: T,
  });
  await store.setNextRun("release-readiness", T + 3_600_000, T);
  await store.putBackfillCursor(
    848733,
    183980723,
    "graphql",
    { cursor: "c", since: 0, done: false },
    T,
  );
  await store.putSettings({
    installationId: 848733,
    repositoryId: 183980723,
    settings: "{}",
    updatedAt: T,
  });
  await store.putSession({
    idHash: "h",
    login: "octo-lead",
    userId: 1,
    sealedToken: "sealed",
    formToken: "f",
    expiresAt: T + 3_600_000,
  });
  return store;
}

describe("expectations store copy", () => {
  it("moves a SQLite store into PostgreSQL and back, and both read the same", async () => {
    const dir = await folder();
    const source = await runningAppStore(join(dir, "app.db"));
    const expected = await everything(source);
    expect(expected.queue.length).toBeGreaterThan(0);
    const postgres = await tempDatabase();
    cleanups.push(postgres.drop);

    expect(await storeCopy({ from: join(dir, "app.db"), to: postgres.url })).toBe(0);
    expect(await everything(await opened(postgres.url))).toEqual(expected);

    expect(await storeCopy({ from: postgres.url, to: join(dir, "back.db") })).toBe(0);
    expect(await everything(await opened(join(dir, "back.db")))).toEqual(expected);
  });

  it("refuses a target that already holds rows, and copies nothing into it", async () => {
    const dir = await folder();
    await runningAppStore(join(dir, "app.db"));
    const target = await runningAppStore(join(dir, "other.db"));
    const before = await everything(target);
    await expect(
      storeCopy({ from: join(dir, "app.db"), to: join(dir, "other.db") }),
    ).rejects.toThrow(/already has .* row\(s\) in installations: copy into an empty database/);
    expect(await everything(target)).toEqual(before);
  });

  it("reports what a copy that lost rows returns differently", async () => {
    const dir = await folder();
    const source = await runningAppStore(join(dir, "app.db"));
    const target = await opened(join(dir, "lossy.db"));
    // A target that drops every other review and the queue, as a broken copy would.
    const lossy = new Proxy(target, {
      get(store, property) {
        if (property === "writeRows")
          return (table: string, rows: unknown[]) =>
            table === "publish_queue"
              ? Promise.resolve()
              : store.writeRows(
                  table as never,
                  (table === "reviews" ? rows.filter((_, i) => i % 2 === 0) : rows) as never,
                );
        const value = Reflect.get(store, property, store);
        return typeof value === "function" ? value.bind(store) : value;
      },
    });
    const { differences } = await copyStore(source, lossy);
    expect(differences).toEqual([
      expect.stringMatching(/^reviews: \d+ row\(s\) in the source, \d+ in the target/),
      expect.stringMatching(/^publish_queue: \d+ row\(s\) in the source, 0 in the target/),
    ]);
  });
});
