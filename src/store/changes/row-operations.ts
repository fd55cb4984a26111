import type {
  GroupedTable,
  PurgeScope,
  RowGroup,
  RowKey,
  StoredRows,
  TableName,
} from "../stored-rows.js";

/**
 * The row-level primitives a backend implements. The write path is written once as programs
 * (generators) that yield these and receive their results; SQLite runs them synchronously in
 * its transaction, a server database with awaited queries in its own.
 */
export type RowOperation =
  | { [T in TableName]: { op: "get"; table: T; key: RowKey<T> } }[TableName]
  | { [T in GroupedTable]: { op: "list"; table: T; group: RowGroup<T> } }[GroupedTable]
  | { [T in TableName]: { op: "put"; table: T; row: StoredRows[T] } }[TableName]
  | { [T in TableName]: { op: "insert"; table: T; row: StoredRows[T] } }[TableName]
  | { [T in TableName]: { op: "delete"; table: T; key: RowKey<T> } }[TableName]
  | { op: "purge"; scope: PurgeScope };

/** A write program: yields row operations, is resumed with each one's result, returns `T`. */
export type RowProgram<T> = Generator<RowOperation, T, unknown>;

/** The row with this key, or undefined. A server backend reads it `FOR UPDATE`. */
export function* getRow<T extends TableName>(
  table: T,
  key: RowKey<T>,
): RowProgram<StoredRows[T] | undefined> {
  return (yield { op: "get", table, key } as unknown as unknown as RowOperation) as
    | StoredRows[T]
    | undefined;
}

/** Every row of the group (in no particular order). */
export function* listRows<T extends GroupedTable>(
  table: T,
  group: RowGroup<T>,
): RowProgram<StoredRows[T][]> {
  return (yield {
    op: "list",
    table,
    group,
  } as unknown as unknown as RowOperation) as StoredRows[T][];
}

/** Reads the row with `key`, and stores what `rule` makes of it (nothing when it says so). */
export function* mergeRow<T extends TableName>(
  table: T,
  key: RowKey<T>,
  rule: (stored: StoredRows[T] | undefined) => StoredRows[T] | undefined,
): RowProgram<void> {
  const next = rule(yield* getRow(table, key));
  if (next) yield* putRow(table, next);
}

/** Inserts the row, or replaces the row with its key. */
export function* putRow<T extends TableName>(table: T, row: StoredRows[T]): RowProgram<void> {
  yield { op: "put", table, row } as unknown as unknown as RowOperation;
}

/** Inserts the row unless one with its key exists; true when it was inserted. */
export function* insertRow<T extends TableName>(table: T, row: StoredRows[T]): RowProgram<boolean> {
  return (yield { op: "insert", table, row } as unknown as unknown as RowOperation) as boolean;
}

export function* deleteRow<T extends TableName>(table: T, key: RowKey<T>): RowProgram<void> {
  yield { op: "delete", table, key } as unknown as unknown as RowOperation;
}

/** Deletes every row of the installation, or of one repository of it, in every table. */
export function* purgeRows(scope: PurgeScope): RowProgram<void> {
  yield { op: "purge", scope };
}
