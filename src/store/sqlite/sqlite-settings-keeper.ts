import type Database from "better-sqlite3";
import { putSettings } from "../changes/index.js";
import { TABLES } from "../schema/index.js";
import type { SettingsKeeper } from "../store.js";
import type { SqliteActivityWrites } from "./sqlite-activity-writes.js";

export function sqliteSettingsKeeper(
  db: Database.Database,
  writes: Pick<SqliteActivityWrites, "write">,
): SettingsKeeper {
  const { columns, fromColumns } = TABLES.kept_settings;
  const list = db
    .prepare(
      `SELECT ${columns.join(", ")} FROM kept_settings WHERE installation_id = ? ORDER BY repository_id`,
    )
    .raw();
  return {
    async putSettings(settings) {
      writes.write(putSettings(settings));
    },
    async listSettings(installationId) {
      return (list.all(installationId) as unknown[][]).map((row) => fromColumns(row));
    },
  };
}
