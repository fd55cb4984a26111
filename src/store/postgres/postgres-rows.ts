import type pg from "pg";
import { columnOf, TABLES } from "../schema/index.js";
import {
  type PurgeScope,
  ROW_KEYS,
  type StoredRows,
  TABLE_NAMES,
  type TableName,
} from "../stored-rows.js";
import { sqlLiteral } from "./sql-literal.js";

interface AnyTable {
  columns: readonly string[];
  toColumns(row: object): unknown[];
  fromColumns(r: unknown[]): object;
}

/** A table's statements, with the values written in (see sqlLiteral), many to a round trip. */
export interface TableSql {
  mapping: AnyTable;
  /** What an insert does with a row whose key exists: replaces it (keeps it if all key). */
  conflict: string;
  /** Its rows whose `fields` equal one of `values`, locked for the rest of the transaction. */
  select(fields: readonly string[], values: Iterable<object>): string;
  /** Inserts rows; one whose key exists already is an error (another transaction made it). */
  insert(rows: readonly object[]): string;
  /** Inserts rows, or replaces the rows with their keys. */
  replace(rows: readonly object[]): string;
  delete(keys: readonly object[]): string;
  /** Deletes every row of the installation, or of one repository of it (none: nothing to do). */
  purge(scope: PurgeScope): string | undefined;
}

function tableSql(name: TableName): TableSql {
  const mapping = TABLES[name] as unknown as AnyTable;
  const keyFields = ROW_KEYS[name] as readonly string[];
  const columns = mapping.columns.join(", ");
  const keys = keyFields.map(columnOf);
  const others = mapping.columns.filter((column) => !keys.includes(column));
  const conflict =
    others.length === 0
      ? "ON CONFLICT DO NOTHING"
      : `ON CONFLICT (${keys.join(", ")}) DO UPDATE SET ${others.map((c) => `${c} = EXCLUDED.${c}`).join(", ")}`;
  const tuple = (list: readonly unknown[]) => `(${list.map(sqlLiteral).join(", ")})`;
  const rowsOf = (rows: readonly object[]) =>
    `INSERT INTO ${name} (${columns}) VALUES ${rows.map((row) => tuple(mapping.toColumns(row))).join(", ")}`;
  const where = (fields: readonly string[], values: Iterable<object>) => {
    const of = (value: object) => fields.map((name) => (value as Record<string, unknown>)[name]);
    const [field] = fields;
    return fields.length === 1
      ? `${columnOf(field as string)} IN ${tuple([...values].map((value) => (value as Record<string, unknown>)[field as string]))}`
      : `(${fields.map(columnOf).join(", ")}) IN (${[...values].map((value) => tuple(of(value))).join(", ")})`;
  };
  const byInstallation = mapping.columns.includes("installation_id");
  const byRepository = mapping.columns.includes("repository_id");
  return {
    mapping,
    conflict,
    select: (fields, values) =>
      `SELECT ${columns} FROM ${name} WHERE ${where(fields, values)} FOR UPDATE`,
    insert: rowsOf,
    replace: (rows) => `${rowsOf(rows)} ${conflict}`,
    delete: (list) => `DELETE FROM ${name} WHERE ${where(keyFields, list)}`,
    purge(scope) {
      // Sessions belong to people, not to an installation.
      if (scope.repositoryId === undefined)
        return byInstallation
          ? `DELETE FROM ${name} WHERE installation_id = ${sqlLiteral(scope.installationId)}`
          : undefined;
      return byRepository
        ? `DELETE FROM ${name} WHERE installation_id = ${sqlLiteral(scope.installationId)} AND repository_id = ${sqlLiteral(scope.repositoryId)}`
        : undefined;
    },
  };
}

const STATEMENTS = new Map(TABLE_NAMES.map((name) => [name, tableSql(name)]));

/** The statements of a table. */
export function rowSql(name: TableName): TableSql {
  return STATEMENTS.get(name) as TableSql;
}

/** What a query returns, each row as its columns' values in order (as a table's `fromColumns` takes them). */
export async function queryRows(
  pool: pg.Pool,
  text: string,
  values: unknown[] = [],
): Promise<unknown[][]> {
  return (await pool.query({ text, values, rowMode: "array" })).rows as unknown[][];
}

/** Every row of a table, in the backend-neutral form. */
export async function scanPostgres<T extends TableName>(
  pool: pg.Pool,
  name: T,
): Promise<StoredRows[T][]> {
  const { mapping } = rowSql(name);
  const rows = await queryRows(pool, `SELECT ${mapping.columns.join(", ")} FROM ${name}`);
  return rows.map((r) => mapping.fromColumns(r)) as StoredRows[T][];
}

/** PostgreSQL takes at most 65,535 parameters in one statement. */
const MOST_PARAMETERS = 60_000;

/**
 * Stores many rows of one table as they are (replacing rows with their keys), many to a
 * statement: copying a large store row by row would take a round trip per row.
 */
export async function putRowsInBulk<T extends TableName>(
  client: pg.PoolClient,
  name: T,
  rows: readonly StoredRows[T][],
): Promise<void> {
  const { mapping, conflict } = rowSql(name);
  const width = mapping.columns.length;
  const perStatement = Math.max(1, Math.floor(MOST_PARAMETERS / width));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const tuples = chunk.map(
      (_, r) => `(${mapping.columns.map((_c, c) => `$${r * width + c + 1}`).join(", ")})`,
    );
    await client.query(
      `INSERT INTO ${name} (${mapping.columns.join(", ")}) VALUES ${tuples.join(", ")} ${conflict}`,
      chunk.flatMap((row) => mapping.toColumns(row)),
    );
  }
}
