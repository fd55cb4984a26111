import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { tempDir } from "../../../bench/temp-dir.js";
import { openStore } from "../../../src/store/index.js";
import { migrations } from "../../../src/store/sqlite/migrations/index.js";
import { sqliteIntegrity } from "../../helpers/sqlite-file.js";

const removals: (() => void)[] = [];
afterEach(() => {
  for (const remove of removals.splice(0)) remove();
});

/** A database file migrated up to `version`, as an older release left it. */
function databaseAt(version: number): { path: string; db: Database.Database } {
  const dir = tempDir("migrate");
  removals.push(dir.remove);
  const path = join(dir.path, "old.db");
  const db = new Database(path);
  db.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)");
  for (const migration of migrations.filter((m) => m.version <= version)) {
    db.exec(migration.sql);
    db.prepare("INSERT INTO schema_migrations VALUES (?, ?)").run(
      migration.version,
      migration.name,
    );
  }
  return { path, db };
}

/** A database file as the last release left it: schema version 5, with some rows. */
function releasedDatabase(): string {
  const { path, db } = databaseAt(5);
  const insertJob = db.prepare(
    "INSERT INTO jobs (name, next_run_at, last_run_at, lease_owner, lease_until) VALUES (?, ?, ?, ?, ?)",
  );
  insertJob.run("release-readiness", 5_000, 4_000, null, null);
  insertJob.run("release-readiness:7:70", 6_000, null, null, null);
  insertJob.run("review-activity:7:repository:70", 7_000, null, null, null);
  insertJob.run("review-activity:7:team:core:infra", 8_000, null, null, null);
  insertJob.run("review-activity:8:repository:80", 9_000, null, null, null);
  // Only ever leased: a next run of 0 meant none.
  insertJob.run("backfill", 0, null, "host:1", 10_000);
  db.prepare(
    `INSERT INTO issues (installation_id, issue_id, repository_id, number, title, author_login,
       author_type, author_association, labels, state, created_at, updated_at, closed_at,
       milestone_id, first_response_at, first_response_by, version_hash)
     VALUES (7, 99, 70, 1, 'Old issue', 'carol', 'User', 'NONE', '[]', 'open', 1000, 1000, NULL,
       NULL, 2000, 'bob', 'h')`,
  ).run();
  db.prepare(
    "INSERT INTO deliveries (delivery_id, installation_id, event, action, received_at) VALUES ('d-1', 7, 'issues', 'opened', 1000)",
  ).run();
  db.close();
  return path;
}

describe("an SQLite file from the last release", () => {
  it("is migrated in place and keeps what it had", async () => {
    const path = releasedDatabase();
    const store = await openStore({ path });
    try {
      expect(await store.getNextRun("release-readiness")).toBe(5_000);
      expect(await store.getNextRun("review-activity:7:team:core:infra")).toBe(8_000);
      expect(await store.getNextRun("backfill")).toBeUndefined();
      expect(await store.acquireLease("backfill", "host:2", 9_000, 60_000)).toBe(false);
      const activity = await store.loadActivity({
        installationId: 7,
        repositoryIds: [70],
        since: 0,
        until: 5_000,
      });
      expect(activity.issues.map((issue) => issue.title)).toEqual(["Old issue"]);
      expect((await store.dumpDeliveryLog()).deliveries).toEqual([
        {
          deliveryId: "d-1",
          installationId: 7,
          repositoryId: null,
          event: "issues",
          action: "opened",
          receivedAt: 1000,
        },
      ]);
      const again = { deliveryId: "d-1", installationId: 7, repositoryId: 70, event: "issues" };
      expect(await store.applyDelivery({ ...again, action: "opened", receivedAt: 1000 }, [])).toBe(
        "duplicate",
      );
    } finally {
      await store.close();
    }
    expect(sqliteIntegrity(path)).toBe("ok");
  });

  it("knows whose the jobs it had are, by their names", async () => {
    const store = await openStore({ path: releasedDatabase() });
    try {
      await store.applyChanges([
        { kind: "repository_removed", installationId: 7, repositoryId: 70, at: 0 },
      ]);
      expect(await store.getNextRun("release-readiness:7:70")).toBeUndefined();
      expect(await store.getNextRun("review-activity:7:repository:70")).toBeUndefined();
      expect(await store.getNextRun("review-activity:7:team:core:infra")).toBe(8_000);
      await store.applyChanges([{ kind: "installation_deleted", installationId: 7, at: 0 }]);
      expect(await store.getNextRun("review-activity:7:team:core:infra")).toBeUndefined();
      expect(await store.getNextRun("review-activity:8:repository:80")).toBe(9_000);
      expect(await store.getNextRun("release-readiness")).toBe(5_000);
    } finally {
      await store.close();
    }
  });
});

describe("an SQLite file that kept settings by repository name", () => {
  it("drops them (a name may be a newer repository's now), and keeps settings by id after", async () => {
    const { path, db } = databaseAt(10);
    db.prepare(
      "INSERT INTO kept_settings (installation_id, repository, settings, updated_at) VALUES (7, 'acme/old-name', '{}', 1000)",
    ).run();
    db.close();
    const store = await openStore({ path });
    try {
      expect(await store.listSettings(7)).toEqual([]);
      await store.putSettings({
        installationId: 7,
        repositoryId: 70,
        settings: "{}",
        updatedAt: 2000,
      });
      expect(await store.listSettings(7)).toEqual([
        { installationId: 7, repositoryId: 70, settings: "{}", updatedAt: 2000 },
      ]);
    } finally {
      await store.close();
    }
  });
});
