import { integerSetting, SettingError, type SettingsEnv } from "../settings/index.js";
import { openPostgresStore } from "./postgres/open-postgres-store.js";
import { openSqliteStore } from "./sqlite/open-sqlite-store.js";
import type { Store } from "./store.js";
import { StoreUnavailableError } from "./store-unavailable-error.js";

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
  /** Where `url` or `path` was given (`--db`), for errors; default the setting it came from. */
  source?: string | undefined;
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
  env: SettingsEnv = process.env,
): { url: string; path?: undefined } | { path: string; url?: undefined } {
  const explicit = location.url || location.path;
  const url = explicit ? location.url : env.DATABASE_URL;
  if (url) return { url };
  return { path: (explicit ? location.path : env.DATABASE_PATH) || DEFAULT_DATABASE_PATH };
}

/** Why a database could not be opened, in the driver's words (host and port, never a password). */
function openingProblem(error: unknown): string {
  const e = error as { message?: string; code?: string; errors?: { message?: string }[] };
  return e.message || e.errors?.map((cause) => cause.message).join("; ") || e.code || String(error);
}

/**
 * Opens the store chosen by configuration (see `resolveStoreLocation`). Async: a server
 * database connects and migrates before the store is handed out. `DATABASE_POOL_SIZE` sets how
 * many connections a PostgreSQL store keeps (default 10). A database that cannot be opened is a
 * `StoreUnavailableError` naming it and the setting (or option) that chose it.
 */
export async function openStore(
  location: StoreLocation = {},
  env: SettingsEnv = process.env,
): Promise<Store> {
  const where = resolveStoreLocation(location, env);
  const explicit = location.url || location.path;
  if (where.url !== undefined) {
    const url = where.url;
    const source = (explicit && location.source) || "DATABASE_URL";
    const [, prefix] = /^([a-z][a-z0-9+.-]*):/i.exec(url) ?? [];
    const scheme = prefix?.toLowerCase();
    if (scheme !== "postgres" && scheme !== "postgresql")
      throw new SettingError(
        `${source}: ${scheme ? `"${scheme}:" URLs are` : "this value is"} not a database this app supports; give a postgres:// URL, or unset DATABASE_URL to use the SQLite file at DATABASE_PATH`,
      );
    const size = integerSetting(env, "DATABASE_POOL_SIZE");
    try {
      return await openPostgresStore({
        url,
        ...(size ? { poolSize: size } : {}),
        ...(location.readOnly ? { readOnly: true } : {}),
      });
    } catch (error) {
      throw new StoreUnavailableError(
        `${source}: the PostgreSQL database cannot be opened (${openingProblem(error)}); check the URL and that the server is running`,
        { cause: error },
      );
    }
  }
  // Checked on every backend: a setting is wrong or right wherever it is read.
  integerSetting(env, "DATABASE_POOL_SIZE");
  const source = (explicit && location.source) || "DATABASE_PATH";
  try {
    return await openSqliteStore(where.path, { readOnly: location.readOnly === true });
  } catch (error) {
    throw new StoreUnavailableError(
      `${source}: the SQLite file ${where.path} cannot be opened (${openingProblem(error)})`,
      { cause: error },
    );
  }
}
