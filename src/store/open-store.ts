import { openSqliteStore } from "./sqlite/open-sqlite-store.js";
import type { Store } from "./store.js";

export const DEFAULT_DATABASE_PATH = "./data/expectations.db";

/** Where the store is: a database URL, or the path of an SQLite file. */
export interface StoreLocation {
  url?: string | undefined;
  path?: string | undefined;
}

/**
 * Opens the store chosen by configuration: `url`, else `path`, else `DATABASE_URL`, else
 * `DATABASE_PATH`, else the embedded SQLite file at ./data/expectations.db. Async: a server
 * database connects and migrates before the store is handed out.
 */
export async function openStore(
  location: StoreLocation = {},
  env: Record<string, string | undefined> = process.env,
): Promise<Store> {
  const explicit = location.url || location.path;
  const url = explicit ? location.url : env.DATABASE_URL;
  if (url) {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
    if (scheme === "postgres" || scheme === "postgresql")
      throw new Error(
        "DATABASE_URL: PostgreSQL is not yet supported; unset DATABASE_URL to use the SQLite file at DATABASE_PATH",
      );
    throw new Error(
      `DATABASE_URL: ${scheme ? `"${scheme}:" URLs are` : "this value is"} not a database this app supports; unset it to use the SQLite file at DATABASE_PATH`,
    );
  }
  return openSqliteStore((explicit ? location.path : env.DATABASE_PATH) || DEFAULT_DATABASE_PATH);
}
