import type pg from "pg";
import { acquireLease, releaseLease, setNextRun } from "../changes/index.js";
import type { JobLeases } from "../store.js";
import { queryRows } from "./postgres-rows.js";
import type { PostgresTransactions } from "./postgres-transaction.js";

/** The jobs' leases and next runs, each write one row-locked transaction. */
export function postgresJobLeases(
  pool: pg.Pool,
  { write }: Pick<PostgresTransactions, "write">,
): JobLeases {
  return {
    acquireLease: (job, owner, now, ttlMs) => write(() => acquireLease(job, owner, now, ttlMs)),
    releaseLease: (job, owner) => write(() => releaseLease(job, owner)),
    async getNextRun(job) {
      const [[nextRunAt] = []] = await queryRows(
        pool,
        "SELECT next_run_at FROM jobs WHERE name = $1",
        [job],
      );
      return (nextRunAt as number | null | undefined) ?? undefined;
    },
    setNextRun: (job, nextRunAt, lastRunAt, scope) =>
      write(() => setNextRun(job, nextRunAt, lastRunAt, scope)),
  };
}
