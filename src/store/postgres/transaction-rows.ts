import type { RowOperation, RowProgram } from "../changes/index.js";
import {
  type LoadedRows,
  loadRows,
  type NeededRead,
  type PassReads,
  passReads,
} from "./pass-reads.js";
import { type PassWrites, passWrites, type RowWrites } from "./pass-writes.js";
import type { Row } from "./row-text.js";

export type ProgramOutcome<T> = { result: T } | { error: unknown };

/** One run of a set of programs over what is known of the rows so far. */
export interface RowPass {
  /** Runs a program; what it writes is kept, unless it throws (then none of it is). */
  run<T>(program: RowProgram<T>): ProgramOutcome<T>;
  /**
   * The rows the pass read that are not known yet, where it went on as if they did not exist:
   * empty when every program ran on known rows only, so that its outcomes and writes are final.
   */
  needed(): NeededRead[];
  /** What the programs wrote, per table and in order around purges, each row once. */
  writes(): RowWrites[];
}

export interface TransactionRows {
  /** Files what the database returned for a needed read (every row of every key or group). */
  load(read: NeededRead, rows: readonly Row[]): void;
  pass(): RowPass;
}

/** A program's row operation, answered from the pass's reads and kept in its writes. */
function perform(operation: RowOperation, reads: PassReads, writes: PassWrites): unknown {
  if (operation.op === "purge") {
    writes.purge(operation.scope);
    return undefined;
  }
  const { table } = operation;
  // Rows, keys and groups are plain objects of column values, whatever their table.
  const given = operation as { key?: object; group?: object; row?: object } as {
    key: Row;
    group: Row;
    row: Row;
  };
  switch (operation.op) {
    case "get":
      return reads.stored(table, given.key) ?? undefined;
    case "list":
      return reads.list(table, given.group);
    case "put":
      writes.write(table, given.row, given.row, false);
      return undefined;
    case "insert":
      if (reads.stored(table, given.row)) return false;
      writes.write(table, given.row, given.row, true);
      return true;
    case "delete":
      // Deleting a row that is not there writes nothing (and does not move the data version).
      if (reads.stored(table, given.key)) writes.write(table, given.key, null, false);
      return undefined;
  }
}

/**
 * The rows one transaction has read, and runs of write programs over them, so that a whole
 * batch of programs costs a round trip per depth of reads instead of one per row operation.
 * A pass answers each read from the rows loaded so far, overlaid with what the programs before
 * it in the pass wrote; a read of a row not loaded yet is noted as needed and answered "none",
 * so the pass goes on and finds the other reads it needs. Once they are loaded, a new pass runs
 * the programs again from the start; a pass that needed nothing is the real one. Rows read stay
 * valid for the whole transaction because they are read locked (`FOR UPDATE`, under the
 * repository's lock), so nobody else changes them meanwhile.
 */
export function transactionRows(): TransactionRows {
  const loaded: LoadedRows = { rows: new Map(), groups: new Map() };
  return {
    load: (read, rows) => loadRows(loaded, read, rows),
    pass() {
      const writes = passWrites();
      const reads = passReads(loaded, writes);
      return {
        run(program) {
          const mark = writes.mark();
          try {
            let step = program.next();
            while (!step.done) step = program.next(perform(step.value, reads, writes));
            return { result: step.value };
          } catch (error) {
            writes.rollback(mark);
            return { error };
          }
        },
        needed: () => reads.needed(),
        writes: () => writes.coalesced(),
      };
    },
  };
}
