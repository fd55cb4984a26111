import type pg from "pg";
import type { RowProgram } from "../changes/index.js";
import { TABLE_NAMES } from "../stored-rows.js";
import { lockKey } from "./lock-key.js";
import type { NeededRead } from "./pass-reads.js";
import type { RowWrites } from "./pass-writes.js";
import { rowSql } from "./postgres-rows.js";
import { type ProgramOutcome, transactionRows } from "./transaction-rows.js";

export interface ProgramsRun<T> {
  /** Each program's result, or what it threw (none of its writes were made). */
  outcomes: ProgramOutcome<T>[];
  wrote: boolean;
}

export interface ProgramsOptions {
  /** A statement that locks what the programs write in (see lockScope), taken before any read. */
  locks: string | null;
  /** Whether each row or group read is first locked by its key (see runPrograms). */
  lockRows: boolean;
  /**
   * How long the transaction waits for a lock, and any statement of it runs, before PostgreSQL
   * gives up on it (`lock_timeout`, `statement_timeout`): a delivery is answered within a deadline.
   */
  timeouts?: { lockMs: number; statementMs: number };
}

/** Several statements as one query (one round trip): their results, one per statement. */
async function send(
  client: pg.PoolClient,
  statements: readonly string[],
): Promise<pg.QueryResult[]> {
  const answer = (await client.query({ text: statements.join(";\n"), rowMode: "array" })) as
    | pg.QueryResult
    | pg.QueryResult[];
  return Array.isArray(answer) ? answer : [answer];
}

/** The advisory locks of rows and groups about to be read, in one order. */
function rowLocks(reads: readonly NeededRead[]): string[] {
  const keys = new Set(
    reads.flatMap((read) =>
      [...read.values.keys()].map((text) => lockKey(`${read.table}:${text}`)),
    ),
  );
  // The keys are numbers this process computed: safe to write into the statement.
  return keys.size > 0
    ? [
        `SELECT ${[...keys]
          .sort()
          .map((key) => `pg_advisory_xact_lock(${key})`)
          .join(", ")}`,
      ]
    : [];
}

function writeStatements(writes: readonly RowWrites[]): string[] {
  return writes.flatMap((entry) => {
    if (entry.kind === "purge")
      return TABLE_NAMES.flatMap((table) => rowSql(table).purge(entry.scope) ?? []);
    const { table, inserted, replaced, deleted } = entry.writes;
    const sql = rowSql(table);
    return [
      ...(deleted.length > 0 ? [sql.delete(deleted)] : []),
      ...(inserted.length > 0 ? [sql.insert(inserted)] : []),
      ...(replaced.length > 0 ? [sql.replace(replaced)] : []),
    ];
  });
}

/**
 * Runs write programs (../changes) in one transaction on `client`, in as few round trips as
 * their reads allow: BEGIN, the locks and every read the programs are found to need go
 * together; the programs run again over what was read until they need nothing more (most need
 * one read round trip, programs whose reads depend on rows read one per level); then all their
 * writes, a few multi-row statements per table, go with COMMIT. Programs run in order, each
 * over what the ones before it wrote, as if one after the other. With `lockRows`, each row or
 * group read is first locked by its key (a transaction-scoped advisory lock, so that a row that
 * does not exist yet is locked too): two replicas merging into one row take turns. Activity
 * writes lock their repositories up front instead (`locks`). After a commit that wrote
 * something the data version moves (after, never before: a reader must not cache old rows under
 * the new version). On an error the transaction is left for the caller to roll back.
 */
export async function runPrograms<T>(
  client: pg.PoolClient,
  programs: readonly (() => RowProgram<T>)[],
  options: ProgramsOptions,
): Promise<ProgramsRun<T>> {
  const rows = transactionRows();
  // Sent with the first round trip; null once the transaction has begun.
  const { timeouts } = options;
  let opening: string[] | null = [
    "BEGIN",
    // Numbers of this process: safe to write into the statement.
    ...(timeouts
      ? [
          `SET LOCAL lock_timeout = ${Math.round(timeouts.lockMs)}`,
          `SET LOCAL statement_timeout = ${Math.round(timeouts.statementMs)}`,
        ]
      : []),
    ...(options.locks ? [options.locks] : []),
  ];
  for (;;) {
    const pass = rows.pass();
    const outcomes = programs.map((program) => pass.run(program()));
    const reads = pass.needed();
    if (reads.length === 0) {
      const writes = writeStatements(pass.writes());
      const wrote = writes.length > 0;
      // Nothing read and nothing to write: no transaction at all.
      if (opening && !wrote) return { outcomes, wrote };
      await send(client, [
        ...(opening ?? []),
        ...writes,
        "COMMIT",
        ...(wrote ? ["SELECT nextval('data_version')"] : []),
      ]);
      return { outcomes, wrote };
    }
    const before = [...(opening ?? []), ...(options.lockRows ? rowLocks(reads) : [])];
    const results = await send(client, [
      ...before,
      ...reads.map((read) => rowSql(read.table).select(read.fields, read.values.values())),
    ]);
    opening = null;
    reads.forEach((read, i) => {
      const { mapping } = rowSql(read.table);
      const found = (results[before.length + i]?.rows ?? []) as unknown[][];
      rows.load(
        read,
        found.map((r) => mapping.fromColumns(r) as Record<string, unknown>),
      );
    });
  }
}
