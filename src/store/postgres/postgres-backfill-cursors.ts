import type pg from "pg";
import { applyBackfillPage, putBackfillCursor } from "../changes/index.js";
import { TABLES } from "../schema/index.js";
import type { BackfillCursors } from "../store.js";
import { lockScope } from "./lock-scope.js";
import { queryRows } from "./postgres-rows.js";
import type { PostgresTransactions } from "./postgres-transaction.js";

/** Where each repository's backfill stands; a page and its cursor are written in one transaction. */
export function postgresBackfillCursors(
  pool: pg.Pool,
  transactions: Pick<PostgresTransactions, "run" | "write">,
): BackfillCursors {
  const { write } = transactions;
  const { columns, fromColumns } = TABLES.backfill_cursors;
  const select = `SELECT ${columns.join(", ")} FROM backfill_cursors`;
  return {
    async getBackfillCursor(installationId, repositoryId, kind) {
      const [found] = await queryRows(
        pool,
        `${select} WHERE installation_id = $1 AND repository_id = $2 AND kind = $3`,
        [installationId, repositoryId, kind],
      );
      if (!found) return undefined;
      const { cursor, since, done } = fromColumns(found);
      return { cursor, since, done };
    },
    putBackfillCursor: (installationId, repositoryId, kind, value, now) =>
      write(() => putBackfillCursor({ installationId, repositoryId, kind, ...value }, now)),
    applyBackfillPage: (changes, cursor, now, previous) =>
      // The page's repository and what its changes write in are locked up front (see lockScope).
      transactions.run(() => applyBackfillPage(changes, cursor, now, previous), {
        locks: lockScope([{ changes, scope: cursor }]),
        lockRows: false,
      }),
    async listUnfinishedBackfills(installationId) {
      return (
        await queryRows(
          pool,
          `${select} WHERE installation_id = $1 AND NOT done ORDER BY repository_id, kind COLLATE "C"`,
          [installationId],
        )
      ).map((r) => {
        const { updatedAt: _updatedAt, ...cursor } = fromColumns(r);
        return cursor;
      });
    },
  };
}
