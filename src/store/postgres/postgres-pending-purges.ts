import type pg from "pg";
import { confirmPurge, dropPurge, postponePurge } from "../changes/index.js";
import { TABLES } from "../schema/index.js";
import type { PendingPurges } from "../store.js";
import { lockScope } from "./lock-scope.js";
import { queryRows } from "./postgres-rows.js";
import type { PostgresTransactions } from "./postgres-transaction.js";

/** Purges waiting for GitHub's confirmation, each step one transaction. */
export function postgresPendingPurges(
  pool: pg.Pool,
  transactions: Pick<PostgresTransactions, "run" | "write">,
): PendingPurges {
  const { write } = transactions;
  const { columns, fromColumns } = TABLES.pending_purges;
  return {
    async listDuePurges(now, limit, installationId) {
      const found = await queryRows(
        pool,
        `SELECT ${columns.join(", ")} FROM pending_purges WHERE due_at <= $1
         ${installationId === undefined ? "" : "AND installation_id = $3"}
         ORDER BY due_at, installation_id, subject COLLATE "C" LIMIT $2`,
        installationId === undefined ? [now, limit] : [now, limit, installationId],
      );
      return found.map((r) => fromColumns(r));
    },
    confirmPurge: (purge) =>
      // Locked as the uninstall's (or the removal's) own delivery would lock it.
      transactions.run(() => confirmPurge(purge), {
        locks: lockScope([
          {
            changes: [
              purge.repositoryId === null
                ? {
                    kind: "installation_deleted",
                    installationId: purge.installationId,
                    at: purge.requestedAt,
                  }
                : {
                    kind: "repository_removed",
                    installationId: purge.installationId,
                    repositoryId: purge.repositoryId,
                    at: purge.requestedAt,
                  },
            ],
            scope: { installationId: purge.installationId, repositoryId: null },
          },
        ]),
        lockRows: false,
      }),
    dropPurge: (purge) => write(() => dropPurge(purge)),
    postponePurge: (purge, dueAt, error) => write(() => postponePurge(purge, dueAt, error)),
  };
}
