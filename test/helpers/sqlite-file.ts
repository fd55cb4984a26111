import Database from "better-sqlite3";

/**
 * SQLite's own verdict on a database file (`ok` when sound), from a separate read-only
 * connection: for the tests of what SQLite itself must guarantee (crashes, WAL, bad input).
 */
export function sqliteIntegrity(path: string): string {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.pragma("integrity_check", { simple: true }) as string;
  } finally {
    db.close();
  }
}
