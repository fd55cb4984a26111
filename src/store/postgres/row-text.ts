import { ROW_GROUPS, ROW_KEYS, type TableName } from "../stored-rows.js";

/** A row, a key or a group of any table: a plain object of column values. */
export type Row = Record<string, unknown>;

/** The text of a row's (or a key's, or a group's) values of `fields`, its identity in a table. */
export function rowText(fields: readonly string[], from: Row): string {
  return JSON.stringify(fields.map((field) => from[field]));
}

/** The fields of a table's key. */
export const keyFields = (table: TableName) => ROW_KEYS[table] as readonly string[];

/** The fields of a table's group (the rows a `list` reads together); none when it has no group. */
export const groupFields = (table: TableName) =>
  (ROW_GROUPS as Partial<Record<TableName, readonly string[]>>)[table] ?? [];

/** The map of one table among `maps` (rows or groups by their text), made when first asked for. */
export function tableMap<V>(
  maps: Map<TableName, Map<string, V>>,
  table: TableName,
): Map<string, V> {
  let map = maps.get(table);
  if (!map) {
    map = new Map();
    maps.set(table, map);
  }
  return map;
}
