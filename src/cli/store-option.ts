import { isDatabaseUrl, type StoreLocation } from "../store/index.js";

/**
 * Where an option (`--db`, `--from`, `--to`) points a writing command: a database URL
 * (`postgres://…`), or an SQLite file; unset, the settings choose.
 */
export function storeOption(db: string | undefined, option = "--db"): StoreLocation {
  if (db === undefined) return {};
  return isDatabaseUrl(db) ? { url: db, source: option } : { path: db, source: option };
}
