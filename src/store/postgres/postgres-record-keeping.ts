import type pg from "pg";
import {
  closeRecordGaps,
  openRecordGaps,
  putRedeliveryRequests,
  updateRecordGaps,
  writeMark,
} from "../changes/index.js";
import { TABLES } from "../schema/index.js";
import type { RecordGaps, RecordKeeping, RedeliveryRequests } from "../store.js";
import { queryRows } from "./postgres-rows.js";
import type { PostgresTransactions } from "./postgres-transaction.js";

/** The periods in which an installation's record may be incomplete, kept until recovery closes them. */
function postgresRecordGaps(
  pool: pg.Pool,
  { write }: Pick<PostgresTransactions, "write">,
): RecordGaps {
  const { columns, fromColumns } = TABLES.record_gaps;
  const select = `SELECT ${columns.join(", ")} FROM record_gaps`;
  const order = "ORDER BY starts_at, installation_id";
  return {
    async listRecordGaps(installationId) {
      const found =
        installationId === undefined
          ? await queryRows(pool, `${select} ${order}`)
          : await queryRows(pool, `${select} WHERE installation_id = $1 ${order}`, [
              installationId,
            ]);
      return found.map((r) => fromColumns(r));
    },
    openRecordGaps: (list) => write(() => openRecordGaps(list)),
    updateRecordGaps: (list) => write(() => updateRecordGaps(list)),
    closeRecordGaps: (list) => write(() => closeRecordGaps(list)),
  };
}

/** The redeliveries the app asked GitHub for, one per event, kept a while after they settle. */
function postgresRedeliveryRequests(
  pool: pg.Pool,
  { write }: Pick<PostgresTransactions, "write">,
): RedeliveryRequests {
  const { columns, fromColumns } = TABLES.redelivery_requests;
  const select = `SELECT ${columns.join(", ")} FROM redelivery_requests`;
  return {
    async listRedeliveryRequests(guids) {
      if (guids.length === 0) return [];
      return (await queryRows(pool, `${select} WHERE guid = ANY($1::text[])`, [guids])).map((r) =>
        fromColumns(r),
      );
    },
    async listOutstandingRedeliveries() {
      return (
        await queryRows(
          pool,
          `${select} WHERE state = 'asked' ORDER BY delivered_at, guid COLLATE "C"`,
        )
      ).map((r) => fromColumns(r));
    },
    putRedeliveryRequests: (list) => write(() => putRedeliveryRequests(list)),
    async pruneRedeliveryRequests(settledBefore) {
      const result = await pool.query(
        "DELETE FROM redelivery_requests WHERE settled_at IS NOT NULL AND settled_at < $1",
        [settledBefore],
      );
      return result.rowCount ?? 0;
    },
  };
}

/**
 * What keeps the record complete: the delivery ids known, the marks (the newest heartbeat, the
 * redelivery watermark), the gaps, the redeliveries asked for, and the removals (whose earlier
 * deliveries are never asked for again).
 */
export function postgresRecordKeeping(
  pool: pg.Pool,
  transactions: Pick<PostgresTransactions, "write">,
): RecordKeeping {
  const { write } = transactions;
  const removals = TABLES.removals;
  return {
    async knownDeliveryIds(ids) {
      if (ids.length === 0) return new Set();
      const found = await queryRows(
        pool,
        `SELECT delivery_id FROM deliveries WHERE delivery_id = ANY($1::text[])
         UNION SELECT delivery_id FROM failed_deliveries WHERE delivery_id = ANY($1::text[])`,
        [ids],
      );
      return new Set(found.map(([deliveryId]) => deliveryId as string));
    },
    async readMark(name) {
      const [[at] = []] = await queryRows(pool, "SELECT at FROM record_marks WHERE name = $1", [
        name,
      ]);
      return (at as number | undefined) ?? undefined;
    },
    writeMark: (name, at, later = false) => write(() => writeMark(name, at, later)),
    ...postgresRecordGaps(pool, transactions),
    ...postgresRedeliveryRequests(pool, transactions),
    async listRemovals() {
      return (
        await queryRows(
          pool,
          `SELECT ${removals.columns.join(", ")} FROM removals ORDER BY installation_id, repository_id`,
        )
      ).map((r) => removals.fromColumns(r));
    },
  };
}
