import type Database from "better-sqlite3";
import {
  applyChanges,
  applyDelivery,
  type RowProgram,
  recordFailedDelivery,
} from "../changes/index.js";
import type { QueuedDelivery } from "../queued-delivery.js";
import type { ApplyResult } from "../rows.js";
import type { ActivityWrites } from "../store.js";
import type { SqliteRows } from "./sqlite-rows.js";

export interface SqliteActivityWrites extends ActivityWrites {
  /** Runs a write program in its own transaction, holding the write lock from the start. */
  write<T>(program: RowProgram<T>): T;
  /** Commits what is queued now (before closing). */
  flush(): void;
}

/**
 * Each delivery is atomic with its id. Deliveries that arrive together (a burst of webhooks)
 * share one commit, each in its own savepoint, so a busy server pays the commit once per burst;
 * every caller is answered only after the commit.
 */
export function sqliteActivityWrites(
  db: Database.Database,
  rows: SqliteRows,
): SqliteActivityWrites {
  const transaction = db.transaction((program: RowProgram<unknown>) => rows.run(program));
  const batch = db.transaction((queued: QueuedDelivery[]) =>
    queued.map(({ delivery, changes }) => {
      try {
        return transaction(applyDelivery(delivery, changes));
      } catch (error) {
        // Rolled back to this delivery's savepoint; the others in the batch still commit.
        return { error };
      }
    }),
  );
  // IMMEDIATE: a transaction that reads before it writes cannot be upgraded once another
  // connection has written (SQLITE_BUSY without waiting); taking the write lock first waits.
  const write = <T>(program: RowProgram<T>): T => transaction.immediate(program) as T;
  let queue: QueuedDelivery[] = [];

  const flush = () => {
    if (queue.length === 0) return;
    const queued = queue;
    queue = [];
    let results: unknown[];
    try {
      const [only] = queued;
      results =
        queued.length === 1 && only
          ? [write(applyDelivery(only.delivery, only.changes))]
          : batch.immediate(queued);
    } catch (error) {
      for (const item of queued) item.reject(error);
      return;
    }
    queued.forEach((item, i) => {
      const result = results[i];
      if (typeof result === "string") item.resolve(result as ApplyResult);
      else item.reject((result as { error: unknown }).error);
    });
  };

  return {
    write,
    flush,
    applyDelivery(delivery, changes) {
      return new Promise((resolve, reject) => {
        if (queue.push({ delivery, changes, resolve, reject }) === 1) setImmediate(flush);
      });
    },
    async applyChanges(changes) {
      write(applyChanges(changes));
    },
    async recordFailedDelivery(delivery, payload, error) {
      write(recordFailedDelivery(delivery, payload, error));
    },
    async pruneFailedDeliveries(receivedBefore) {
      return db.prepare("DELETE FROM failed_deliveries WHERE received_at < ?").run(receivedBefore)
        .changes;
    },
  };
}
