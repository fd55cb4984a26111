import { openPostgresStore } from "./postgres/open-postgres-store.js";
import { openSqliteStore } from "./sqlite/open-sqlite-store.js";
import type { Store } from "./store.js";

export const DEFAULT_DATABASE_PATH = "./data/expectations.db";

/** Where the store is: a database URL, or the path of an SQLite file. */
export interface StoreLocation {
  url?: string | undefined;
  path?: string | undefined;
  /**
   * For a reader beside the process that writes (the dashboard's workers): an SQLite file that
   * must exist is opened read-only, nothing migrated; a PostgreSQL store gets its own pool of
   * read-only transactions, its schema checked, not migrated.
   */
  readOnly?: boolean | undefined;
}

/** Whether `location` names a database server (`postgres://…`) rather than an SQLite file. */
export function isDatabaseUrl(location: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(location);
}

/**
 * The store configuration chooses: `url`, else `path`, else `DATABASE_URL`, else
 * `DATABASE_PATH`, else the embedded SQLite file at ./data/expectations.db. What `openStore`
 * opens, so that another thread can open the same one.
 */
export function resolveStoreLocation(
  location: StoreLocation = {},
  env: Record<string, string | undefined> = process.env,
): { url: string; path?: undefined } | { path: string; url?: undefined } {
  const explicit = location.url || location.path;
  const url = explicit ? location.url : env.DATABASE_URL;
  if (url) return { url };
  return { path: (explicit ? location.path : env.DATABASE_PATH) || DEFAULT_DATABASE_PATH };
}

/**
 * Opens the store chosen by configuration (see `resolveStoreLocation`). Async: a server
 * database connects and migrates before the store is handed out. `DATABASE_POOL_SIZE` sets how
 * many connections a PostgreSQL store keeps (default 10).
 */
export async function openStore(
  location: StoreLocation = {},
  env: Record<string, string | undefined> = process.env,
): Promise<Store> {
  const where = resolveStoreLocation(location, env);
  if (where.url !== undefined) {
    const url = where.url;
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
    if (scheme === "postgres" || scheme === "postgresql") {
      const size = env.DATABASE_POOL_SIZE;
      if (size !== undefined && !/^[1-9]\d{0,3}$/.test(size))
        throw new Error(`DATABASE_POOL_SIZE must be a positive whole number, not "${size}"`);
      return openPostgresStore({
        url,
        ...(size ? { poolSize: Number(size) } : {}),
        ...(location.readOnly ? { readOnly: true } : {}),
      });
    }
    throw new Error(
      `DATABASE_URL: ${scheme ? `"${scheme}:" URLs are` : "this value is"} not a database this app supports; unset it to use the SQLite file at DATABASE_PATH`,
    );
  }
  return openSqliteStore(where.path, { readOnly: location.readOnly === true });
}
