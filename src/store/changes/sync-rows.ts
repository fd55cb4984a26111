import { ROW_KEYS, type RowKey, type StoredRows, type TableName } from "../stored-rows.js";
import { deleteRow, putRow, type RowProgram } from "./row-operations.js";

function keyOf<T extends TableName>(table: T, row: StoredRows[T]): string {
  const fields = ROW_KEYS[table] as unknown as readonly (keyof StoredRows[T])[];
  return JSON.stringify(fields.map((field) => row[field]));
}

/**
 * Writes what a rule made of a group of rows: rows it dropped are deleted, rows it added or
 * changed are stored; rows it returned as they were (the same objects) are not written.
 */
export function* syncRows<T extends TableName>(
  table: T,
  before: readonly StoredRows[T][],
  after: readonly StoredRows[T][],
): RowProgram<void> {
  const kept = new Set(after.map((row) => keyOf(table, row)));
  for (const row of before) {
    if (kept.has(keyOf(table, row))) continue;
    const fields = ROW_KEYS[table] as unknown as readonly (keyof StoredRows[T])[];
    const key = Object.fromEntries(fields.map((field) => [field, row[field]])) as RowKey<T>;
    yield* deleteRow(table, key);
  }
  for (const row of after) if (!before.includes(row)) yield* putRow(table, row);
}
