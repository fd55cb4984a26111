import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SqliteStore } from "../../src/store/index.js";

/** A real SQLite file in a fresh temporary folder; `cleanup` closes and removes it. */
export function tempStore(): { store: SqliteStore; path: string; cleanup: () => Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), "expectations-test-"));
  const path = join(dir, "test.db");
  const store = new SqliteStore({ path });
  return {
    store,
    path,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every row of every activity table, in a stable order: for comparing two stores. */
export function dumpActivity(store: SqliteStore): Record<string, unknown[]> {
  const tables = [
    "installations",
    "repositories",
    "pull_requests",
    "pull_request_timeline",
    "review_requests",
    "review_request_removals",
    "reviews",
    "milestones",
    "issues",
    "issue_comments",
  ];
  const dump: Record<string, unknown[]> = {};
  for (const table of tables) {
    const rows = store.db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
    dump[table] = rows
      .map((row) => {
        // The installation's own update time is when the delivery arrived, not an event time.
        const { updated_at, ...rest } = row;
        return table === "installations" ? rest : row;
      })
      .map((row) => JSON.stringify(row))
      .sort();
  }
  return dump;
}
