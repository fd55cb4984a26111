import type { RowOperation, RowProgram } from "../changes/index.js";
import { TABLES } from "../schema/index.js";
import {
  type PurgeScope,
  ROW_GROUPS,
  ROW_KEYS,
  TABLE_NAMES,
  type TableName,
} from "../stored-rows.js";

type Row = Record<string, unknown>;

/** Rows of one table to read, by key or by group; `fields` name what `values` give. */
export interface NeededRead {
  table: TableName;
  by: "key" | "group";
  fields: readonly string[];
  /** Each key or group asked for, under its text (see `rowText`). */
  values: Map<string, Row>;
}

/** What a transaction writes in one table between two purges, each row or key once. */
export interface TableWrites {
  table: TableName;
  /** Rows found absent by the transaction: another one's insert of the same key is an error. */
  inserted: Row[];
  /** Rows that replace whatever has their keys. */
  replaced: Row[];
  /** Keys of rows to delete. */
  deleted: Row[];
}

export type RowWrites =
  | { kind: "rows"; writes: TableWrites }
  | { kind: "purge"; scope: PurgeScope };

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

/** The text of a row's (or a key's, or a group's) values of `fields`, its identity in a table. */
export function rowText(fields: readonly string[], from: Row): string {
  return JSON.stringify(fields.map((field) => from[field]));
}

const keyFields = (table: TableName) => ROW_KEYS[table] as readonly string[];
const groupFields = (table: TableName) =>
  (ROW_GROUPS as Partial<Record<TableName, readonly string[]>>)[table] ?? [];
const hasColumn = (column: string) =>
  new Set(TABLE_NAMES.filter((table) => TABLES[table].columns.includes(column)));
const BY_INSTALLATION = hasColumn("installation_id");
const BY_REPOSITORY = hasColumn("repository_id");

/** Whether a purge removed this row: the same rows as the PostgreSQL purge statements. */
function purges(scope: PurgeScope, table: TableName, row: Row): boolean {
  if (scope.repositoryId === undefined)
    return BY_INSTALLATION.has(table) && row.installationId === scope.installationId;
  return (
    BY_REPOSITORY.has(table) &&
    row.installationId === scope.installationId &&
    row.repositoryId === scope.repositoryId
  );
}

/** One write of a pass, in the order the programs made them. */
type Logged =
  | { kind: "row"; table: TableName; text: string; key: Row; row: Row | null; insert: boolean }
  | { kind: "purge"; scope: PurgeScope };

/**
 * The pass's writes as statements can take them: between two purges (which must stay where they
 * are), each row's last state, per table; a row first inserted stays an insert.
 */
function coalesce(log: readonly Logged[]): RowWrites[] {
  const coalesced: RowWrites[] = [];
  let rows = new Map<
    TableName,
    Map<string, { first: Logged & { kind: "row" }; last: Logged & { kind: "row" } }>
  >();
  const flush = () => {
    for (const table of TABLE_NAMES) {
      const written = rows.get(table);
      if (!written) continue;
      const writes: TableWrites = { table, inserted: [], replaced: [], deleted: [] };
      for (const { first, last } of written.values()) {
        if (last.row === null) {
          // A row this transaction inserted and deleted again was never there.
          if (!first.insert) writes.deleted.push(last.key);
        } else (first.insert ? writes.inserted : writes.replaced).push(last.row);
      }
      if (writes.inserted.length + writes.replaced.length + writes.deleted.length > 0)
        coalesced.push({ kind: "rows", writes });
    }
    rows = new Map();
  };
  for (const entry of log) {
    if (entry.kind === "purge") {
      flush();
      coalesced.push(entry);
      continue;
    }
    const written = tableMap(rows, entry.table);
    written.set(entry.text, { first: written.get(entry.text)?.first ?? entry, last: entry });
  }
  flush();
  return coalesced;
}

function tableMap<V>(maps: Map<TableName, Map<string, V>>, table: TableName): Map<string, V> {
  let map = maps.get(table);
  if (!map) {
    map = new Map();
    maps.set(table, map);
  }
  return map;
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
  /** Rows read, by table and key text; null: no such row. */
  const loaded = new Map<TableName, Map<string, Row | null>>();
  /** Groups read, by table and group text: the keys of their rows. */
  const loadedGroups = new Map<TableName, Map<string, Set<string>>>();

  function load(read: NeededRead, rows: readonly Row[]): void {
    const known = tableMap(loaded, read.table);
    const keys = keyFields(read.table);
    if (read.by === "key") for (const text of read.values.keys()) known.set(text, null);
    else {
      const groups = tableMap(loadedGroups, read.table);
      for (const text of read.values.keys()) groups.set(text, new Set());
      for (const row of rows) groups.get(rowText(read.fields, row))?.add(rowText(keys, row));
    }
    for (const row of rows) known.set(rowText(keys, row), row);
  }

  function pass(): RowPass {
    /** What the pass wrote over the loaded rows, by table and key text; null: deleted. */
    const written = new Map<TableName, Map<string, Row | null>>();
    const purged: PurgeScope[] = [];
    const log: Logged[] = [];
    const undo: (() => void)[] = [];
    const needed = new Map<string, NeededRead>();

    const need = (table: TableName, by: NeededRead["by"], fields: readonly string[], from: Row) => {
      const id = `${by}:${table}`;
      let read = needed.get(id);
      if (!read) {
        read = { table, by, fields, values: new Map() };
        needed.set(id, read);
      }
      read.values.set(rowText(fields, from), from);
    };
    const visible = (table: TableName, row: Row | null | undefined) =>
      row && !purged.some((scope) => purges(scope, table, row)) ? row : null;

    /** The row with this key as the pass stands; null when there is none (or it is not loaded). */
    function stored(table: TableName, key: Row): Row | null {
      const fields = keyFields(table);
      const text = rowText(fields, key);
      const mine = written.get(table);
      if (mine?.has(text)) return mine.get(text) ?? null;
      const row = loaded.get(table)?.get(text);
      if (row === undefined) {
        need(table, "key", fields, key);
        return null;
      }
      return visible(table, row);
    }

    function list(table: TableName, group: Row): Row[] {
      const fields = groupFields(table);
      const text = rowText(fields, group);
      const mine = written.get(table);
      const keys = loadedGroups.get(table)?.get(text);
      if (keys === undefined) need(table, "group", fields, group);
      const rows: Row[] = [];
      for (const key of keys ?? []) {
        if (mine?.has(key)) continue;
        const row = visible(table, loaded.get(table)?.get(key));
        if (row) rows.push(row);
      }
      for (const row of mine?.values() ?? [])
        if (row && rowText(fields, row) === text) rows.push(row);
      return rows;
    }

    function write(table: TableName, key: Row, row: Row | null, insert: boolean): void {
      const text = rowText(keyFields(table), key);
      const mine = tableMap(written, table);
      const had = mine.has(text);
      const before = mine.get(text);
      undo.push(() => (had ? mine.set(text, before ?? null) : mine.delete(text)));
      mine.set(text, row);
      log.push({ kind: "row", table, text, key, row, insert });
    }

    function purge(scope: PurgeScope): void {
      for (const [table, mine] of written)
        for (const [text, row] of mine)
          if (row && purges(scope, table, row)) {
            undo.push(() => mine.set(text, row));
            mine.set(text, null);
          }
      purged.push(scope);
      log.push({ kind: "purge", scope });
    }

    function execute(operation: RowOperation): unknown {
      if (operation.op === "purge") {
        purge(operation.scope);
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
          return stored(table, given.key) ?? undefined;
        case "list":
          return list(table, given.group);
        case "put":
          write(table, given.row, given.row, false);
          return undefined;
        case "insert":
          if (stored(table, given.row)) return false;
          write(table, given.row, given.row, true);
          return true;
        case "delete":
          // Deleting a row that is not there writes nothing (and does not move the data version).
          if (stored(table, given.key)) write(table, given.key, null, false);
          return undefined;
      }
    }

    return {
      run(program) {
        const mark = { log: log.length, purged: purged.length, undo: undo.length };
        try {
          let step = program.next();
          while (!step.done) step = program.next(execute(step.value));
          return { result: step.value };
        } catch (error) {
          log.length = mark.log;
          purged.length = mark.purged;
          for (const restore of undo.splice(mark.undo).reverse()) restore();
          return { error };
        }
      },
      needed: () => [...needed.values()],
      writes: () => coalesce(log),
    };
  }

  return { load, pass };
}
