import type { TableName } from "../stored-rows.js";
import type { PassWrites } from "./pass-writes.js";
import { groupFields, keyFields, type Row, rowText, tableMap } from "./row-text.js";

/** Rows of one table to read, by key or by group; `fields` name what `values` give. */
export interface NeededRead {
  table: TableName;
  by: "key" | "group";
  fields: readonly string[];
  /** Each key or group asked for, under its text (see `rowText`). */
  values: Map<string, Row>;
}

/** The rows a transaction has read so far. */
export interface LoadedRows {
  /** By table and key text; null: no such row. */
  rows: Map<TableName, Map<string, Row | null>>;
  /** By table and group text: the keys of the group's rows. */
  groups: Map<TableName, Map<string, Set<string>>>;
}

/** Files what the database returned for a needed read (every row of every key or group). */
export function loadRows(loaded: LoadedRows, read: NeededRead, rows: readonly Row[]): void {
  const known = tableMap(loaded.rows, read.table);
  const keys = keyFields(read.table);
  if (read.by === "key") for (const text of read.values.keys()) known.set(text, null);
  else {
    const groups = tableMap(loaded.groups, read.table);
    for (const text of read.values.keys()) groups.set(text, new Set());
    for (const row of rows) groups.get(rowText(read.fields, row))?.add(rowText(keys, row));
  }
  for (const row of rows) known.set(rowText(keys, row), row);
}

/** A pass's reads: the loaded rows overlaid with what the pass wrote. */
export interface PassReads {
  /** The row with this key as the pass stands; null when there is none (or it is not loaded). */
  stored(table: TableName, key: Row): Row | null;
  /** The rows of this group as the pass stands (those loaded so far). */
  list(table: TableName, group: Row): Row[];
  /** The reads of rows not loaded yet, where the pass went on as if they did not exist. */
  needed(): NeededRead[];
}

/** Reads over `loaded` and `writes` that note every key or group not loaded yet as needed. */
export function passReads(loaded: LoadedRows, writes: PassWrites): PassReads {
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
    row && !writes.purged(table, row) ? row : null;
  return {
    stored(table, key) {
      const fields = keyFields(table);
      const text = rowText(fields, key);
      const mine = writes.mine(table);
      if (mine?.has(text)) return mine.get(text) ?? null;
      const row = loaded.rows.get(table)?.get(text);
      if (row === undefined) {
        need(table, "key", fields, key);
        return null;
      }
      return visible(table, row);
    },
    list(table, group) {
      const fields = groupFields(table);
      const text = rowText(fields, group);
      const mine = writes.mine(table);
      const keys = loaded.groups.get(table)?.get(text);
      if (keys === undefined) need(table, "group", fields, group);
      const rows: Row[] = [];
      for (const key of keys ?? []) {
        if (mine?.has(key)) continue;
        const row = visible(table, loaded.rows.get(table)?.get(key));
        if (row) rows.push(row);
      }
      for (const row of mine?.values() ?? [])
        if (row && rowText(fields, row) === text) rows.push(row);
      return rows;
    },
    needed: () => [...needed.values()],
  };
}
