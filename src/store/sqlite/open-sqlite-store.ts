import { activityDump, deliveryLogDump } from "../activity-dump.js";
import { putRow } from "../changes/index.js";
import type { Store } from "../store.js";
import { connectSqlite } from "./connect-sqlite.js";
import { sqliteActivityReads } from "./sqlite-activity-reads.js";
import { sqliteActivityWrites } from "./sqlite-activity-writes.js";
import { sqliteBackfillCursors } from "./sqlite-backfill-cursors.js";
import { sqliteDashboardSessions } from "./sqlite-dashboard-sessions.js";
import { sqliteJobLeases } from "./sqlite-job-leases.js";
import { sqlitePendingPurges } from "./sqlite-pending-purges.js";
import { sqlitePublications } from "./sqlite-publications.js";
import { sqlitePublishQueue } from "./sqlite-publish-queue.js";
import { sqliteRecordKeeping } from "./sqlite-record-keeping.js";
import { sqliteRows } from "./sqlite-rows.js";
import { sqliteSettingsKeeper } from "./sqlite-settings-keeper.js";
import { sqliteTeamReads } from "./sqlite-team-reads.js";

/**
 * The embedded default store: better-sqlite3 on one file (or `:memory:`), WAL, one writer.
 * Writes run the shared write programs (../changes) over this backend's row primitives.
 * `readOnly`: a second connection that only reads (its writes fail with SQLITE_READONLY).
 */
export async function openSqliteStore(
  path: string,
  options: { readOnly?: boolean } = {},
): Promise<Store> {
  const db = connectSqlite(path, options);
  const rows = sqliteRows(db);
  const writes = sqliteActivityWrites(db, rows);
  return {
    applyDelivery: writes.applyDelivery,
    applyChanges: writes.applyChanges,
    recordFailedDelivery: writes.recordFailedDelivery,
    pruneFailedDeliveries: writes.pruneFailedDeliveries,
    ...sqliteActivityReads(db),
    ...sqlitePublications(db, writes),
    ...sqliteJobLeases(db, writes),
    ...sqliteBackfillCursors(db, writes),
    ...sqliteSettingsKeeper(db, writes),
    ...sqlitePublishQueue(db, writes),
    ...sqlitePendingPurges(db, writes),
    ...sqliteDashboardSessions(db, writes),
    ...sqliteRecordKeeping(db, writes),
    async readTable(table) {
      return rows.scan(table);
    },
    async writeRows(table, list) {
      writes.write(
        (function* () {
          for (const row of list) yield* putRow(table, row);
        })(),
      );
    },
    async ping() {
      db.prepare("SELECT 1").get();
    },
    ...sqliteTeamReads(db),
    async dumpActivity() {
      return activityDump((table) => rows.scan(table));
    },
    async dumpDeliveryLog() {
      return deliveryLogDump(rows.scan("deliveries"), rows.scan("failed_deliveries"));
    },
    async close() {
      writes.flush();
      db.close();
    },
  };
}
