import type Database from "better-sqlite3";
import {
  closeRecordGaps,
  openRecordGaps,
  putRedeliveryRequests,
  updateRecordGaps,
  writeMark,
} from "../changes/index.js";
import { TABLES } from "../schema/index.js";
import type { RecordGaps, RecordKeeping, RedeliveryRequests } from "../store.js";
import type { SqliteActivityWrites } from "./sqlite-activity-writes.js";

// SQLite allows 32,766 parameters a statement; lists of ids are asked for in slices well below.
const SLICE = 500;

function slices<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += SLICE) out.push(list.slice(i, i + SLICE));
  return out;
}

const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(", ");

/** The periods in which an installation's record may be incomplete, kept until recovery closes them. */
function sqliteRecordGaps(
  db: Database.Database,
  writes: Pick<SqliteActivityWrites, "write">,
): RecordGaps {
  const { columns, fromColumns } = TABLES.record_gaps;
  const select = `SELECT ${columns.join(", ")} FROM record_gaps`;
  const order = "ORDER BY starts_at, installation_id";
  const allGaps = db.prepare(`${select} ${order}`).raw();
  const gapsOf = db.prepare(`${select} WHERE installation_id = ? ${order}`).raw();
  return {
    async listRecordGaps(installationId) {
      const rows = (
        installationId === undefined ? allGaps.all() : gapsOf.all(installationId)
      ) as unknown[][];
      return rows.map((r) => fromColumns(r));
    },
    async openRecordGaps(list) {
      writes.write(openRecordGaps(list));
    },
    async updateRecordGaps(list) {
      writes.write(updateRecordGaps(list));
    },
    async closeRecordGaps(list) {
      writes.write(closeRecordGaps(list));
    },
  };
}

/** The redeliveries the app asked GitHub for, one per event, kept a while after they settle. */
function sqliteRedeliveryRequests(
  db: Database.Database,
  writes: Pick<SqliteActivityWrites, "write">,
): RedeliveryRequests {
  const { columns, fromColumns } = TABLES.redelivery_requests;
  const select = `SELECT ${columns.join(", ")} FROM redelivery_requests`;
  const outstanding = db
    .prepare(`${select} WHERE state = 'asked' ORDER BY delivered_at, guid`)
    .raw();
  return {
    async listRedeliveryRequests(guids) {
      const found = [];
      for (const slice of slices(guids)) {
        const rows = db
          .prepare(`${select} WHERE guid IN (${placeholders(slice.length)})`)
          .raw()
          .all(...slice) as unknown[][];
        found.push(...rows.map((r) => fromColumns(r)));
      }
      return found;
    },
    async listOutstandingRedeliveries() {
      return (outstanding.all() as unknown[][]).map((r) => fromColumns(r));
    },
    async putRedeliveryRequests(list) {
      writes.write(putRedeliveryRequests(list));
    },
    async pruneRedeliveryRequests(settledBefore) {
      return db
        .prepare("DELETE FROM redelivery_requests WHERE settled_at IS NOT NULL AND settled_at < ?")
        .run(settledBefore).changes;
    },
  };
}

/**
 * What keeps the record complete: the delivery ids known, the marks (the newest heartbeat, the
 * redelivery watermark), the gaps, the redeliveries asked for, and the removals (whose earlier
 * deliveries are never asked for again).
 */
export function sqliteRecordKeeping(
  db: Database.Database,
  writes: Pick<SqliteActivityWrites, "write">,
): RecordKeeping {
  const mark = db.prepare("SELECT at FROM record_marks WHERE name = ?").pluck();
  const removals = TABLES.removals;
  const allRemovals = db
    .prepare(
      `SELECT ${removals.columns.join(", ")} FROM removals ORDER BY installation_id, repository_id`,
    )
    .raw();
  return {
    async knownDeliveryIds(ids) {
      const known = new Set<string>();
      for (const slice of slices(ids)) {
        const list = placeholders(slice.length);
        const found = db
          .prepare(
            `SELECT delivery_id FROM deliveries WHERE delivery_id IN (${list}) UNION SELECT delivery_id FROM failed_deliveries WHERE delivery_id IN (${list})`,
          )
          .pluck()
          .all(...slice, ...slice) as string[];
        for (const id of found) known.add(id);
      }
      return known;
    },
    async readMark(name) {
      return (mark.get(name) as number | undefined) ?? undefined;
    },
    async writeMark(name, at, later = false) {
      writes.write(writeMark(name, at, later));
    },
    ...sqliteRecordGaps(db, writes),
    ...sqliteRedeliveryRequests(db, writes),
    async listRemovals() {
      return (allRemovals.all() as unknown[][]).map((r) => removals.fromColumns(r));
    },
  };
}
