import { existsSync, statSync } from "node:fs";
import {
  type ConfigResult,
  type ExpectationsConfig,
  loadConfigFile,
  parseConfig,
} from "../config/index.js";
import type { SettingsEnv } from "../settings/index.js";
import {
  type ActivityReads,
  DEFAULT_DATABASE_PATH,
  isDatabaseUrl,
  openStore,
  type RepositoryRecord,
  type Store,
  type StoreLocation,
} from "../store/index.js";
import { configErrorsText } from "./config-errors-text.js";
import { noteOn, type OptionZone, parseDateOption } from "./date-option.js";
import { UsageError } from "./usage-error.js";

/** The time zone `--config` gives dates without offset: its `timezone`, else UTC (the default). */
function optionZone(loaded: ConfigResult, path: string | undefined): OptionZone {
  if (!loaded.ok) return { timezone: "UTC", source: `the default, as ${path} is invalid` };
  return {
    timezone: loaded.config.timezone,
    source: path === undefined ? "the default; --config sets the team's" : `timezone in ${path}`,
  };
}

/**
 * `--config PATH`: that file, which must exist (never the defaults instead), and the zone its
 * dates without offset are in; no --config: the defaults.
 */
export async function localConfigResult(
  path: string | undefined,
): Promise<{ loaded: ConfigResult; zone: OptionZone }> {
  if (path !== undefined && (!existsSync(path) || !statSync(path).isFile()))
    throw new UsageError(`--config: ${path} is not a file (give the path of an expectations.yml)`);
  const loaded = path === undefined ? parseConfig(null) : await loadConfigFile(path);
  return { loaded, zone: optionZone(loaded, path) };
}

/** `--config PATH` for commands that read only the store: that file's settings, or a usage error. */
export async function localConfig(
  path: string | undefined,
): Promise<{ config: ExpectationsConfig; zone: OptionZone }> {
  const { loaded, zone } = await localConfigResult(path);
  if (!loaded.ok) throw new UsageError(`--config: ${configErrorsText(loaded.errors, path)}`);
  return { config: loaded.config, zone };
}

/**
 * The database a reading command opens: `--db` (a file, or a database URL), else DATABASE_URL,
 * else DATABASE_PATH, else the default file, which must exist already (opening it would create
 * an empty one, and its folder).
 */
export function existingDatabase(
  db: string | undefined,
  env: SettingsEnv = process.env,
): StoreLocation {
  if (db !== undefined) {
    if (isDatabaseUrl(db)) return { url: db, source: "--db" };
  } else if (env.DATABASE_URL) return {};
  const path = db ?? env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH;
  if (!existsSync(path) || !statSync(path).isFile())
    throw new UsageError(
      `${db === undefined ? "the database" : "--db:"} ${path} does not exist: give --db the file that replay or backfill wrote`,
    );
  return db === undefined ? {} : { path, source: "--db" };
}

/**
 * What a command that reads only the store starts from: `--config`'s settings and the zone of
 * its dates, `--now` (default: now), and the existing database `--db` names.
 */
export async function readingCommandInputs(options: {
  config?: string | undefined;
  now?: string | undefined;
  db?: string | undefined;
}): Promise<{ config: ExpectationsConfig; zone: OptionZone; now: Date; store: Store }> {
  const { config, zone } = await localConfig(options.config);
  const now = options.now
    ? parseDateOption(options.now, "--now", zone, noteOn(process.stderr))
    : new Date();
  return { config, zone, now, store: await openStore(existingDatabase(options.db)) };
}

/** The one repository of that name in the store, or a usage error that says what to do. */
export async function resolveRepository(
  store: ActivityReads,
  name: string,
): Promise<RepositoryRecord> {
  const [repository, ...others] = await store.findRepositories(name);
  if (!repository) throw new UsageError(`${name} is not in the store: replay or backfill it first`);
  if (others.length > 0)
    throw new UsageError(`${name} belongs to several installations in this store`);
  return repository;
}
