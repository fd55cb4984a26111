import type pg from "pg";
import {
  closeRecordGaps,
  openRecordGaps,
  putRedeliveryRequests,
  updateRecordGaps,
  writeMark,
} from "../changes/index.js";
import { TABLES } from "../schema/index.js";
import type { RecordKeeping } from "../store.js";
import { queryRows } from "./postgres-rows.js";
import type { PostgresTransactions } from "./postgres-transaction.js";

export function postgresRecordKeeping(
  pool: pg.Pool,
  { write }: Pick<PostgresTransactions, "write">,
): RecordKeeping {
  const rows = (text: string, values: unknown[] = []) => queryRows(pool, text, values);
  const gaps = TABLES.record_gaps;
  const requests = TABLES.redelivery_requests;
  const removals = TABLES.removals;
  const gapOrder = "ORDER BY starts_at, installation_id";
  return {
    async knownDeliveryIds(ids) {
      if (ids.length === 0) return new Set();
      const found = await rows(
        `SELECT delivery_id FROM deliveries WHERE delivery_id = ANY($1::text[])
         UNION SELECT delivery_id FROM failed_deliveries WHERE delivery_id = ANY($1::text[])`,
        [ids],
      );
      return new Set(found.map(([deliveryId]) => deliveryId as string));
    },
    async readMark(name) {
      const [[at] = []] = await rows("SELECT at FROM record_marks WHERE name = $1", [name]);
      return (at as number | undefined) ?? undefined;
    },
    writeMark: (name, at, later = false) => write(() => writeMark(name, at, later)),
    async listRecordGaps(installationId) {
      const select = `SELECT ${gaps.columns.join(", ")} FROM record_gaps`;
      const found =
        installationId === undefined
          ? await rows(`${select} ${gapOrder}`)
          : await rows(`${select} WHERE installation_id = $1 ${gapOrder}`, [installationId]);
      return found.map((r) => gaps.fromColumns(r));
    },
    openRecordGaps: (list) => write(() => openRecordGaps(list)),
    updateRecordGaps: (list) => write(() => updateRecordGaps(list)),
    closeRecordGaps: (list) => write(() => closeRecordGaps(list)),
    async listRedeliveryRequests(guids) {
      if (guids.length === 0) return [];
      return (
        await rows(
          `SELECT ${requests.columns.join(", ")} FROM redelivery_requests WHERE guid = ANY($1::text[])`,
          [guids],
        )
      ).map((r) => requests.fromColumns(r));
    },
    async listOutstandingRedeliveries() {
      return (
        await rows(
          `SELECT ${requests.columns.join(", ")} FROM redelivery_requests WHERE state = 'asked' ORDER BY delivered_at, guid COLLATE "C"`,
        )
      ).map((r) => requests.fromColumns(r));
    },
    putRedeliveryRequests: (list) => write(() => putRedeliveryRequests(list)),
    async pruneRedeliveryRequests(settledBefore) {
      const result = await pool.query(
        "DELETE FROM redelivery_requests WHERE settled_at IS NOT NULL AND settled_at < $1",
        [settledBefore],
      );
      return result.rowCount ?? 0;
    },
    async listRemovals() {
      return (
        await rows(
          `SELECT ${removals.columns.join(", ")} FROM removals ORDER BY installation_id, repository_id`,
        )
      ).map((r) => removals.fromColumns(r));
    },
  };
}
