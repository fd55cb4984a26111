import {
  type ExpectationsConfig,
  formatConfigErrors,
  loadConfigFile,
  parseConfig,
} from "../config/index.js";
import type { ActivityReads, RepositoryRecord } from "../store/index.js";
import { UsageError } from "./usage-error.js";

/** `--config PATH` for commands that read only the store: that file, else the defaults. */
export async function localConfig(path: string | undefined): Promise<ExpectationsConfig> {
  const loaded = path ? await loadConfigFile(path) : parseConfig(null);
  if (!loaded.ok) throw new UsageError(`--config: ${formatConfigErrors(loaded.errors, path)}`);
  return loaded.config;
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
