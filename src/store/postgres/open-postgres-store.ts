import { activityDump, deliveryLogDump } from "../activity-dump.js";
import type { Store } from "../store.js";
import { ACTIVITY_TABLES } from "../stored-rows.js";
import {
  checkPostgresSchema,
  migratePostgres,
  type PostgresSettings,
  postgresPool,
} from "./connect-postgres.js";
import { postgresActivityReads } from "./postgres-activity-reads.js";
import { postgresActivityWrites } from "./postgres-activity-writes.js";
import { postgresBackfillCursors } from "./postgres-backfill-cursors.js";
import { postgresDashboardSessions } from "./postgres-dashboard-sessions.js";
import { postgresJobLeases } from "./postgres-job-leases.js";
import { postgresPendingPurges } from "./postgres-pending-purges.js";
import { postgresPublications } from "./postgres-publications.js";
import { postgresPublishQueue } from "./postgres-publish-queue.js";
import { postgresRecordKeeping } from "./postgres-record-keeping.js";
import { putRowsInBulk, scanPostgres } from "./postgres-rows.js";
import { postgresSettingsKeeper } from "./postgres-settings-keeper.js";
import { postgresTeamReads } from "./postgres-team-reads.js";
import { postgresTransactions } from "./postgres-transaction.js";

/**
 * The store on a PostgreSQL server, for several replicas of the app on one database. Writes run
 * the shared write programs (../changes) over row locks; the schema is migrated at start under
 * an advisory lock. Publishing a key is serialised across replicas by a session advisory lock
 * held on a connection of a pool of its own, so locks never wait for the query pool.
 */
export async function openPostgresStore(settings: PostgresSettings): Promise<Store> {
  const pool = postgresPool(settings);
  const lockPool = postgresPool(settings, settings.poolSize ?? 10);
  try {
    await (settings.readOnly ? checkPostgresSchema(pool) : migratePostgres(pool));
  } catch (error) {
    await Promise.all([pool.end(), lockPool.end()]);
    throw error;
  }
  const transactions = postgresTransactions(pool);
  const writes = postgresActivityWrites(pool, transactions);
  return {
    applyDelivery: writes.applyDelivery,
    applyChanges: writes.applyChanges,
    recordFailedDelivery: writes.recordFailedDelivery,
    pruneFailedDeliveries: writes.pruneFailedDeliveries,
    ...postgresActivityReads(pool),
    ...postgresPublications(pool, lockPool, transactions),
    ...postgresJobLeases(pool, transactions),
    ...postgresBackfillCursors(pool, transactions),
    ...postgresSettingsKeeper(pool, transactions),
    ...postgresPublishQueue(pool, transactions),
    ...postgresPendingPurges(pool, transactions),
    ...postgresDashboardSessions(pool, transactions),
    ...postgresRecordKeeping(pool, transactions),
    readTable: (table) => scanPostgres(pool, table),
    writeRows: (table, list) =>
      transactions.transaction(async (client) => {
        await putRowsInBulk(client, table, list);
        return { result: undefined, wrote: list.length > 0 };
      }),
    async ping() {
      await pool.query("SELECT 1");
    },
    ...postgresTeamReads(pool),
    async dumpActivity() {
      const tables = await Promise.all(ACTIVITY_TABLES.map((table) => scanPostgres(pool, table)));
      return activityDump((table) => tables[ACTIVITY_TABLES.indexOf(table)] ?? []);
    },
    async dumpDeliveryLog() {
      return deliveryLogDump(
        await scanPostgres(pool, "deliveries"),
        await scanPostgres(pool, "failed_deliveries"),
      );
    },
    async close() {
      await writes.settled();
      await Promise.all([pool.end(), lockPool.end()]);
    },
  };
}
