import { SqliteStore } from "./sqlite-store.js";
import type { Store } from "./store.js";

export const DEFAULT_DATABASE_PATH = "./data/expectations.db";

/** Opens the store named by `path`, else `DATABASE_PATH`, else the embedded default file. */
export function openStore(path?: string): Store {
  return new SqliteStore({ path: path ?? process.env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH });
}
