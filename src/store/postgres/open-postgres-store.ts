import { activityDump } from "../activity-dump.js";
import {
  acquireLease,
  applyBackfillPage,
  confirmPurge,
  dropPurge,
  failPublishWork,
  finishPublishWork,
  getSession,
  postponePurge,
  putBackfillCursor,
  putRow,
  putSettings,
  releaseLease,
  setNextRun,
} from "../changes/index.js";
import { inProcessLocks } from "../in-process-locks.js";
import { TABLES } from "../schema/index.js";
import type { Store } from "../store.js";
import { ACTIVITY_TABLES } from "../stored-rows.js";
import {
  checkPostgresSchema,
  migratePostgres,
  type PostgresSettings,
  postgresPool,
} from "./connect-postgres.js";
import { lockKey } from "./lock-key.js";
import { lockScope } from "./lock-scope.js";
import { postgresActivityReads } from "./postgres-activity-reads.js";
import { postgresActivityWrites } from "./postgres-activity-writes.js";
import { postgresRecordKeeping } from "./postgres-record-keeping.js";
import { putRowsInBulk, scanPostgres } from "./postgres-rows.js";
import { postgresTeamReads } from "./postgres-team-reads.js";
import { postgresTransactions } from "./postgres-transaction.js";

const byDeliveryId = (a: { deliveryId: string }, b: { deliveryId: string }) =>
  a.deliveryId < b.deliveryId ? -1 : a.deliveryId > b.deliveryId ? 1 : 0;

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
  const { write, transaction } = transactions;
  const activityWrites = postgresActivityWrites(pool, transactions);
  const reads = postgresActivityReads(pool);
  const inProcess = inProcessLocks();
  const rows = async (text: string, values: unknown[]) =>
    (await pool.query({ text, values, rowMode: "array" })).rows as unknown[][];
  const queue = TABLES.publish_queue;
  const cursors = TABLES.backfill_cursors;

  return {
    ...reads,
    ...postgresTeamReads(pool),
    ...postgresRecordKeeping(pool, transactions),
    applyDelivery: activityWrites.applyDelivery,
    applyChanges: activityWrites.applyChanges,
    recordFailedDelivery: activityWrites.recordFailedDelivery,
    pruneFailedDeliveries: activityWrites.pruneFailedDeliveries,

    async getPublication(installationId, key) {
      const [found] = await rows(
        `SELECT ${TABLES.publications.columns.join(", ")} FROM publications WHERE installation_id = $1 AND key = $2`,
        [installationId, key],
      );
      return found ? TABLES.publications.fromColumns(found) : undefined;
    },
    putPublication: (publication) => write(() => putRow("publications", publication)),
    withPublicationLock(installationId, key, work) {
      // Callers in this process queue here, so each key holds at most one lock connection.
      return inProcess(`${installationId}:${key}`, async () => {
        const lock = lockKey(`publication:${installationId}:${key}`);
        const client = await lockPool.connect();
        let held = false;
        try {
          await client.query("SELECT pg_advisory_lock($1)", [lock]);
          held = true;
          return await work();
        } finally {
          // A connection that failed mid-way is dropped, and its lock with it.
          const unlocked = held
            ? await client.query("SELECT pg_advisory_unlock($1)", [lock]).then(
                () => undefined,
                (error: Error) => error,
              )
            : undefined;
          client.release(unlocked);
        }
      });
    },

    async claimPublishWork(owner, now, leaseMs, limit) {
      // SKIP LOCKED: workers of other replicas claiming at the same time take other items.
      const claimed = await rows(
        `UPDATE publish_queue q SET lease_owner = $1, lease_until = $2
         FROM (SELECT installation_id, repository_id, subject FROM publish_queue
               WHERE due_at <= $3 AND (lease_until IS NULL OR lease_until <= $3)
               ORDER BY due_at, installation_id, repository_id, subject LIMIT $4
               FOR UPDATE SKIP LOCKED) c
         WHERE q.installation_id = c.installation_id AND q.repository_id = c.repository_id
           AND q.subject = c.subject
         RETURNING ${queue.columns.map((column) => `q.${column}`).join(", ")}`,
        [owner, now + leaseMs, now, limit],
      );
      return claimed
        .map((r) => queue.fromColumns(r))
        .sort((a, b) => a.dueAt - b.dueAt || (a.subject < b.subject ? -1 : 1));
    },
    finishPublishWork: (owner, items) => write(() => finishPublishWork(owner, items)),
    failPublishWork: (owner, items, retryAt, error) =>
      write(() => failPublishWork(owner, items, retryAt, error)),
    async listPublishWork() {
      return (await scanPostgres(pool, "publish_queue")).sort(
        (a, b) =>
          a.dueAt - b.dueAt ||
          a.installationId - b.installationId ||
          a.repositoryId - b.repositoryId ||
          (a.subject < b.subject ? -1 : 1),
      );
    },

    async listDuePurges(now, limit, installationId) {
      const purges = TABLES.pending_purges;
      const found = await rows(
        `SELECT ${purges.columns.join(", ")} FROM pending_purges WHERE due_at <= $1
         ${installationId === undefined ? "" : "AND installation_id = $3"}
         ORDER BY due_at, installation_id, subject COLLATE "C" LIMIT $2`,
        installationId === undefined ? [now, limit] : [now, limit, installationId],
      );
      return found.map((r) => purges.fromColumns(r));
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

    acquireLease: (job, owner, now, ttlMs) => write(() => acquireLease(job, owner, now, ttlMs)),
    releaseLease: (job, owner) => write(() => releaseLease(job, owner)),
    async getNextRun(job) {
      const [[nextRunAt] = []] = await rows("SELECT next_run_at FROM jobs WHERE name = $1", [job]);
      return (nextRunAt as number | null | undefined) ?? undefined;
    },
    setNextRun: (job, nextRunAt, lastRunAt, scope) =>
      write(() => setNextRun(job, nextRunAt, lastRunAt, scope)),

    async getBackfillCursor(installationId, repositoryId, kind) {
      const [found] = await rows(
        `SELECT ${cursors.columns.join(", ")} FROM backfill_cursors
         WHERE installation_id = $1 AND repository_id = $2 AND kind = $3`,
        [installationId, repositoryId, kind],
      );
      if (!found) return undefined;
      const { cursor, since, done } = cursors.fromColumns(found);
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
        await rows(
          `SELECT ${cursors.columns.join(", ")} FROM backfill_cursors
           WHERE installation_id = $1 AND NOT done ORDER BY repository_id, kind COLLATE "C"`,
          [installationId],
        )
      ).map((r) => {
        const { updatedAt: _updatedAt, ...cursor } = cursors.fromColumns(r);
        return cursor;
      });
    },

    putSettings: (settings) => write(() => putSettings(settings)),
    async listSettings(installationId) {
      return (
        await rows(
          `SELECT ${TABLES.kept_settings.columns.join(", ")} FROM kept_settings
           WHERE installation_id = $1 ORDER BY repository_id`,
          [installationId],
        )
      ).map((r) => TABLES.kept_settings.fromColumns(r));
    },

    putSession: (session) => write(() => putRow("dashboard_sessions", session)),
    getSession: (idHash, now) => write(() => getSession(idHash, now)),
    async deleteSession(idHash) {
      await pool.query("DELETE FROM dashboard_sessions WHERE id_hash = $1", [idHash]);
    },
    async purgeExpiredSessions(now) {
      const sessions = await pool.query("DELETE FROM dashboard_sessions WHERE expires_at <= $1", [
        now,
      ]);
      return sessions.rowCount ?? 0;
    },

    readTable: (table) => scanPostgres(pool, table),
    writeRows: (table, list) =>
      transaction(async (client) => {
        await putRowsInBulk(client, table, list);
        return { result: undefined, wrote: list.length > 0 };
      }),

    async dumpActivity() {
      const tables = await Promise.all(ACTIVITY_TABLES.map((table) => scanPostgres(pool, table)));
      return activityDump((table) => tables[ACTIVITY_TABLES.indexOf(table)] ?? []);
    },
    async dumpDeliveryLog() {
      return {
        deliveries: (await scanPostgres(pool, "deliveries")).sort(byDeliveryId),
        failedDeliveries: (await scanPostgres(pool, "failed_deliveries")).sort(byDeliveryId),
      };
    },
    async ping() {
      await pool.query("SELECT 1");
    },
    async close() {
      await activityWrites.settled();
      await Promise.all([pool.end(), lockPool.end()]);
    },
  };
}
