import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { migrations } from "./migrations/index.js";

/**
 * Opens (creating it if needed) the SQLite file in WAL mode and brings its schema up to date.
 * `:memory:` gives a private in-memory database. `readOnly` opens a file that must exist, as it
 * is, for a reader beside the writing process: nothing created, migrated or written.
 */
export function connectSqlite(
  path: string,
  options: { readOnly?: boolean } = {},
): Database.Database {
  if (options.readOnly) {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma("busy_timeout = 5000");
    return db;
  }
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  // Another process's write lock is waited for 5 s at most, below the webhook's answer deadline
  // (8 s): a delivery that cannot be written in time is answered 5xx, never 2xx.
  db.pragma("busy_timeout = 5000");
  // Checkpoint (the only step that waits for the disk under synchronous=NORMAL) every ~40 MB
  // of log rather than every 4 MB, and give the log file back once it is done.
  db.pragma("wal_autocheckpoint = 10000");
  db.pragma("journal_size_limit = 67108864");
  db.pragma("foreign_keys = OFF");
  migrate(db);
  return db;
}

function migrate(db: Database.Database): void {
  db.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)",
  );
  // Two processes starting on one new file: the write lock first, then a fresh look at what ran.
  db.transaction(() => {
    const applied = new Set(
      db.prepare("SELECT version FROM schema_migrations").pluck().all() as number[],
    );
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      db.exec(migration.sql);
      db.prepare("INSERT INTO schema_migrations (version, name) VALUES (?, ?)").run(
        migration.version,
        migration.name,
      );
    }
  }).immediate();
}
