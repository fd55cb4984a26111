import type pg from "pg";
import { failPublishWork, finishPublishWork } from "../changes/index.js";
import { TABLES } from "../schema/index.js";
import type { PublishQueue } from "../store.js";
import { queryRows, scanPostgres } from "./postgres-rows.js";
import type { PostgresTransactions } from "./postgres-transaction.js";

/**
 * The publish queue shared by replicas: a claim is one statement that skips items another
 * replica's claim holds, so no two workers share an item.
 */
export function postgresPublishQueue(
  pool: pg.Pool,
  { write }: Pick<PostgresTransactions, "write">,
): PublishQueue {
  const { columns, fromColumns } = TABLES.publish_queue;
  return {
    async claimPublishWork(owner, now, leaseMs, limit) {
      // SKIP LOCKED: workers of other replicas claiming at the same time take other items.
      const claimed = await queryRows(
        pool,
        `UPDATE publish_queue q SET lease_owner = $1, lease_until = $2
         FROM (SELECT installation_id, repository_id, subject FROM publish_queue
               WHERE due_at <= $3 AND (lease_until IS NULL OR lease_until <= $3)
               ORDER BY due_at, installation_id, repository_id, subject LIMIT $4
               FOR UPDATE SKIP LOCKED) c
         WHERE q.installation_id = c.installation_id AND q.repository_id = c.repository_id
           AND q.subject = c.subject
         RETURNING ${columns.map((column) => `q.${column}`).join(", ")}`,
        [owner, now + leaseMs, now, limit],
      );
      return claimed
        .map((r) => fromColumns(r))
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
  };
}
