import { isDatabaseUrl, type StoreLocation } from "../store/index.js";

/** Where `--db` points a writing command: a database URL (`postgres://…`), or an SQLite file. */
export function storeOption(db: string | undefined): StoreLocation {
  return db !== undefined && isDatabaseUrl(db) ? { url: db } : { path: db };
}
