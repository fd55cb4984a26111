import type pg from "pg";
import { putSettings } from "../changes/index.js";
import { TABLES } from "../schema/index.js";
import type { SettingsKeeper } from "../store.js";
import { queryRows } from "./postgres-rows.js";
import type { PostgresTransactions } from "./postgres-transaction.js";

/** The settings kept for readers that must not call GitHub (the dashboard). */
export function postgresSettingsKeeper(
  pool: pg.Pool,
  { write }: Pick<PostgresTransactions, "write">,
): SettingsKeeper {
  const { columns, fromColumns } = TABLES.kept_settings;
  return {
    putSettings: (settings) => write(() => putSettings(settings)),
    async listSettings(installationId) {
      return (
        await queryRows(
          pool,
          `SELECT ${columns.join(", ")} FROM kept_settings
           WHERE installation_id = $1 ORDER BY repository_id`,
          [installationId],
        )
      ).map((r) => fromColumns(r));
    },
  };
}
