import { setTimeout as delay } from "node:timers/promises";
import type pg from "pg";
import type { RowProgram } from "../changes/index.js";
import { runOnPostgres } from "./postgres-rows.js";

/** Serialization failure and deadlock: the transaction did nothing and can simply run again. */
const RETRYABLE = new Set(["40001", "40P01"]);
const ATTEMPTS = 8;

/** Work in one transaction: its result, and whether it wrote anything. */
export type TransactionWork<T> = (client: pg.PoolClient) => Promise<{ result: T; wrote: boolean }>;

export interface PostgresTransactions {
  /**
   * Runs `work` in one transaction, again from the start after a deadlock; `first` is a
   * statement without parameters sent with BEGIN (one round trip for both).
   */
  transaction<T>(work: TransactionWork<T>, first?: string | null): Promise<T>;
  /** Runs a write program (made afresh for each attempt) in one transaction, row by row locked. */
  write<T>(program: () => RowProgram<T>): Promise<T>;
}

/**
 * Each unit of work runs in one READ COMMITTED transaction on a pooled connection. Replicas that
 * lock the same rows in different orders deadlock now and then; PostgreSQL then aborts one,
 * which runs again after a short random pause. After a commit that wrote something, the data
 * version moves (after, never before: a reader must not cache old rows under the new version).
 */
export function postgresTransactions(pool: pg.Pool): PostgresTransactions {
  async function transaction<T>(work: TransactionWork<T>, first?: string | null): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        let outcome: { result: T; wrote: boolean };
        try {
          await client.query(first ? `BEGIN; ${first}` : "BEGIN");
          outcome = await work(client);
        } catch (error) {
          await client.query("ROLLBACK").catch((rollback: Error) => {
            broken = rollback;
          });
          throw error;
        }
        // One round trip for both; the data version moves only once the commit is done.
        await client.query(outcome.wrote ? "COMMIT; SELECT nextval('data_version')" : "COMMIT");
        return outcome.result;
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (!code || !RETRYABLE.has(code) || attempt >= ATTEMPTS) throw error;
      } finally {
        client.release(broken);
      }
      await delay(Math.random() * 10 * attempt);
    }
  }
  return {
    transaction,
    write: (program) =>
      transaction((client) => runOnPostgres(client, program(), { lockRows: true })),
  };
}
