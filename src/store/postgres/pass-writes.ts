import { TABLES } from "../schema/index.js";
import { type PurgeScope, TABLE_NAMES, type TableName } from "../stored-rows.js";
import { keyFields, type Row, rowText, tableMap } from "./row-text.js";

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

/** Where a pass's writes stood before a program: what they go back to if it throws. */
export interface WritesMark {
  log: number;
  purged: number;
  restores: number;
}

/** What the programs of one pass wrote over the loaded rows, in order, each write undoable. */
export interface PassWrites {
  /** The rows the pass wrote in a table, by key text; null: deleted (or purged). */
  mine(table: TableName): ReadonlyMap<string, Row | null> | undefined;
  /** Whether one of the pass's purges removed this row. */
  purged(table: TableName, row: Row): boolean;
  write(table: TableName, key: Row, row: Row | null, insert: boolean): void;
  purge(scope: PurgeScope): void;
  mark(): WritesMark;
  /** Forgets every write made since `mark`. */
  rollback(mark: WritesMark): void;
  /** What the programs wrote, per table and in order around purges, each row once. */
  coalesced(): RowWrites[];
}

/** A new pass's writes: none yet. */
export function passWrites(): PassWrites {
  /** By table and key text; null: deleted. */
  const written = new Map<TableName, Map<string, Row | null>>();
  const purged: PurgeScope[] = [];
  const log: Logged[] = [];
  const restores: (() => void)[] = [];
  return {
    mine: (table) => written.get(table),
    purged: (table, row) => purged.some((scope) => purges(scope, table, row)),
    write(table, key, row, insert) {
      const text = rowText(keyFields(table), key);
      const mine = tableMap(written, table);
      const had = mine.has(text);
      const before = mine.get(text);
      restores.push(() => (had ? mine.set(text, before ?? null) : mine.delete(text)));
      mine.set(text, row);
      log.push({ kind: "row", table, text, key, row, insert });
    },
    purge(scope) {
      for (const [table, mine] of written)
        for (const [text, row] of mine)
          if (row && purges(scope, table, row)) {
            restores.push(() => mine.set(text, row));
            mine.set(text, null);
          }
      purged.push(scope);
      log.push({ kind: "purge", scope });
    },
    mark: () => ({ log: log.length, purged: purged.length, restores: restores.length }),
    rollback(mark) {
      log.length = mark.log;
      purged.length = mark.purged;
      for (const restore of restores.splice(mark.restores).reverse()) restore();
    },
    coalesced: () => coalesce(log),
  };
}
