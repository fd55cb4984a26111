import { setTimeout as delay } from "node:timers/promises";
import type pg from "pg";
import type { RowProgram } from "../changes/index.js";
import { type ProgramsOptions, type ProgramsRun, runPrograms } from "./run-programs.js";

/**
 * The transaction did nothing and can simply run again: a serialization failure, a deadlock,
 * or a row it found absent (and so inserts) that another transaction inserted meanwhile.
 */
const RETRYABLE = new Set(["40001", "40P01", "23505"]);
const ATTEMPTS = 8;

/** Work in one transaction: its result, and whether it wrote anything. */
export type TransactionWork<T> = (client: pg.PoolClient) => Promise<{ result: T; wrote: boolean }>;

export interface PostgresTransactions {
  /** Runs `work` in one transaction, again from the start after a deadlock. */
  transaction<T>(work: TransactionWork<T>): Promise<T>;
  /**
   * Runs write programs (each made afresh for every attempt) in one transaction, again from the
   * start after a deadlock (see runPrograms).
   */
  programs<T>(
    programs: readonly (() => RowProgram<T>)[],
    options: ProgramsOptions,
  ): Promise<ProgramsRun<T>>;
  /** Runs one write program in its own transaction: its result, or what it threw. */
  run<T>(program: () => RowProgram<T>, options: ProgramsOptions): Promise<T>;
  /** Runs one write program in its own transaction, row by row locked. */
  write<T>(program: () => RowProgram<T>): Promise<T>;
}

/**
 * Each unit of work runs in one READ COMMITTED transaction on a pooled connection. Replicas that
 * lock the same rows in different orders deadlock now and then; PostgreSQL then aborts one,
 * which runs again after a short random pause. After a commit that wrote something, the data
 * version moves (after, never before: a reader must not cache old rows under the new version).
 */
export function postgresTransactions(pool: pg.Pool): PostgresTransactions {
  async function attempts<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        return await work(client);
      } catch (error) {
        // Always: pg rejects a query on the server's error before that server's next
        // ReadyForQuery, so the transaction status read now can still say "idle" while the
        // transaction is aborted; a ROLLBACK with none open is only a warning.
        await client.query("ROLLBACK").catch((rollback: Error) => {
          broken = rollback;
        });
        const code = (error as { code?: string }).code;
        if (!code || !RETRYABLE.has(code) || attempt >= ATTEMPTS) throw error;
      } finally {
        client.release(broken);
      }
      await delay(Math.random() * 10 * attempt);
    }
  }
  const programs = <T>(list: readonly (() => RowProgram<T>)[], options: ProgramsOptions) =>
    attempts((client) => runPrograms(client, list, options));
  async function run<T>(program: () => RowProgram<T>, options: ProgramsOptions): Promise<T> {
    const {
      outcomes: [outcome],
    } = await programs([program], options);
    if (!outcome || "error" in outcome) throw outcome?.error;
    return outcome.result;
  }
  return {
    transaction: (work) =>
      attempts(async (client) => {
        await client.query("BEGIN");
        const { result, wrote } = await work(client);
        // One round trip for both; the data version moves only once the commit is done.
        await client.query(wrote ? "COMMIT; SELECT nextval('data_version')" : "COMMIT");
        return result;
      }),
    programs,
    run,
    write: (program) => run(program, { locks: null, lockRows: true }),
  };
}
