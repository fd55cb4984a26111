import type pg from "pg";
import { putRow } from "../changes/index.js";
import { inProcessLocks } from "../in-process-locks.js";
import { TABLES } from "../schema/index.js";
import type { Publications } from "../store.js";
import { lockKey } from "./lock-key.js";
import { queryRows } from "./postgres-rows.js";
import type { PostgresTransactions } from "./postgres-transaction.js";

/**
 * Publishing a key is serialised across replicas by a session advisory lock, held on a
 * connection of `lockPool` (a pool of its own, so locks never wait for the query pool).
 */
export function postgresPublications(
  pool: pg.Pool,
  lockPool: pg.Pool,
  { write }: Pick<PostgresTransactions, "write">,
): Publications {
  const { columns, fromColumns } = TABLES.publications;
  const inProcess = inProcessLocks();
  return {
    async getPublication(installationId, key) {
      const [found] = await queryRows(
        pool,
        `SELECT ${columns.join(", ")} FROM publications WHERE installation_id = $1 AND key = $2`,
        [installationId, key],
      );
      return found ? fromColumns(found) : undefined;
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
  };
}
