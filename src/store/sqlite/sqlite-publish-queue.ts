import type Database from "better-sqlite3";
import { failPublishWork, finishPublishWork } from "../changes/index.js";
import type { QueuedWork } from "../rows.js";
import { TABLES } from "../schema/index.js";
import type { PublishQueue } from "../store.js";
import type { SqliteActivityWrites } from "./sqlite-activity-writes.js";

/** The publish queue in one process: a claim is one write transaction, so no two workers share an item. */
export function sqlitePublishQueue(
  db: Database.Database,
  writes: Pick<SqliteActivityWrites, "write">,
): PublishQueue {
  const { columns, fromColumns } = TABLES.publish_queue;
  const select = `SELECT ${columns.join(", ")} FROM publish_queue`;
  const due = db
    .prepare(
      `${select} WHERE due_at <= ? AND (lease_until IS NULL OR lease_until <= ?) ORDER BY due_at, installation_id, repository_id, subject LIMIT ?`,
    )
    .raw();
  const lease = db.prepare(
    "UPDATE publish_queue SET lease_owner = ?, lease_until = ? WHERE installation_id = ? AND repository_id = ? AND subject = ?",
  );
  const claim = db.transaction(
    (owner: string, now: number, leaseMs: number, limit: number): QueuedWork[] =>
      (due.all(now, now, limit) as unknown[][]).map((r) => {
        const item = { ...fromColumns(r), leaseOwner: owner, leaseUntil: now + leaseMs };
        lease.run(owner, item.leaseUntil, item.installationId, item.repositoryId, item.subject);
        return item;
      }),
  );
  const all = db
    .prepare(`${select} ORDER BY due_at, installation_id, repository_id, subject`)
    .raw();
  return {
    async claimPublishWork(owner, now, leaseMs, limit) {
      return claim.immediate(owner, now, leaseMs, limit);
    },
    async finishPublishWork(owner, items) {
      writes.write(finishPublishWork(owner, items));
    },
    async failPublishWork(owner, items, retryAt, error) {
      writes.write(failPublishWork(owner, items, retryAt, error));
    },
    async listPublishWork() {
      return (all.all() as unknown[][]).map((r) => fromColumns(r));
    },
  };
}
