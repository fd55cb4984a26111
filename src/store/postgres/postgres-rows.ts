import type pg from "pg";
import type { RowOperation, RowProgram } from "../changes/index.js";
import {
  type PurgeScope,
  ROW_GROUPS,
  ROW_KEYS,
  type StoredRows,
  TABLE_NAMES,
  type TableName,
} from "../stored-rows.js";
import { columnOf, TABLES } from "../table-columns.js";
import { lockKey } from "./lock-key.js";

interface AnyTable {
  columns: readonly string[];
  toColumns(row: object): unknown[];
  fromColumns(r: unknown[]): object;
}

interface TableStatements {
  mapping: AnyTable;
  keyFields: readonly string[];
  groupFields: readonly string[];
  get: string;
  list: string;
  put: string;
  insert: string;
  delete: string;
  purgeInstallation: string | undefined;
  purgeRepository: string | undefined;
}

function tableStatements(name: TableName): TableStatements {
  const mapping = TABLES[name] as unknown as AnyTable;
  const keyFields = ROW_KEYS[name] as readonly string[];
  const groupFields = (ROW_GROUPS as Partial<Record<TableName, readonly string[]>>)[name] ?? [];
  const where = (fields: readonly string[]) =>
    fields.map((field, i) => `${columnOf(field)} = $${i + 1}`).join(" AND ");
  const columns = mapping.columns.join(", ");
  const keys = keyFields.map(columnOf);
  const others = mapping.columns.filter((column) => !keys.includes(column));
  const insert = `INSERT INTO ${name} (${columns}) VALUES (${mapping.columns.map((_, i) => `$${i + 1}`).join(", ")})`;
  const scoped = mapping.columns.includes("installation_id");
  return {
    mapping,
    keyFields,
    groupFields,
    get: `SELECT ${columns} FROM ${name} WHERE ${where(keyFields)} FOR UPDATE`,
    list: `SELECT ${columns} FROM ${name} WHERE ${where(groupFields)} FOR UPDATE`,
    put:
      others.length === 0
        ? `${insert} ON CONFLICT DO NOTHING`
        : `${insert} ON CONFLICT (${keys.join(", ")}) DO UPDATE SET ${others.map((c) => `${c} = EXCLUDED.${c}`).join(", ")}`,
    insert: `${insert} ON CONFLICT DO NOTHING`,
    delete: `DELETE FROM ${name} WHERE ${where(keyFields)}`,
    // Sessions belong to people, not to an installation.
    purgeInstallation: scoped ? `DELETE FROM ${name} WHERE installation_id = $1` : undefined,
    purgeRepository: mapping.columns.includes("repository_id")
      ? `DELETE FROM ${name} WHERE installation_id = $1 AND repository_id = $2`
      : undefined,
  };
}

const STATEMENTS = new Map(TABLE_NAMES.map((name) => [name, tableStatements(name)]));

function statements(name: TableName): TableStatements {
  return STATEMENTS.get(name) as TableStatements;
}

function values(fields: readonly string[], from: object): unknown[] {
  return fields.map((field) => (from as Record<string, unknown>)[field]);
}

/** The rows a read with this key or group may touch, as one advisory lock key. */
function rowLock(table: TableName, fields: readonly string[], from: object): string {
  return lockKey(`${table}:${JSON.stringify(values(fields, from))}`);
}

/**
 * Runs a write program inside the caller's transaction on `client`. Rows are read `FOR UPDATE`;
 * with `lockRows`, reading a row or a group first takes a transaction-scoped advisory lock on
 * its key, so a row that does not exist yet is locked too: two replicas merging into the same
 * row take turns and each merges into what the other wrote. (Activity writes lock their whole
 * repository up front instead, see lockScope.) Returns the program's result and whether
 * anything was written.
 */
export async function runOnPostgres<T>(
  client: pg.PoolClient,
  program: RowProgram<T>,
  options: { lockRows: boolean },
): Promise<{ result: T; wrote: boolean }> {
  let wrote = false;
  const query = async (name: string, text: string, params: unknown[]) =>
    client.query({ name, text, values: params, rowMode: "array" });
  const execute = async (operation: RowOperation): Promise<unknown> => {
    if (operation.op === "purge") {
      wrote = true;
      await purge(client, operation.scope);
      return undefined;
    }
    const table = statements(operation.table);
    const id = (op: string) => `${operation.table}:${op}`;
    switch (operation.op) {
      case "get": {
        const key = values(table.keyFields, operation.key);
        if (options.lockRows)
          await client.query("SELECT pg_advisory_xact_lock($1)", [
            rowLock(operation.table, table.keyFields, operation.key),
          ]);
        const [found] = (await query(id("get"), table.get, key)).rows as unknown[][];
        return found === undefined ? undefined : table.mapping.fromColumns(found);
      }
      case "list": {
        if (options.lockRows)
          await client.query("SELECT pg_advisory_xact_lock($1)", [
            rowLock(operation.table, table.groupFields, operation.group),
          ]);
        const { rows } = await query(
          id("list"),
          table.list,
          values(table.groupFields, operation.group),
        );
        return (rows as unknown[][]).map((r) => table.mapping.fromColumns(r));
      }
      case "put":
        wrote = true;
        await query(id("put"), table.put, table.mapping.toColumns(operation.row));
        return undefined;
      case "insert": {
        const inserted =
          (await query(id("insert"), table.insert, table.mapping.toColumns(operation.row)))
            .rowCount === 1;
        wrote ||= inserted;
        return inserted;
      }
      case "delete": {
        const deleted = await query(
          id("delete"),
          table.delete,
          values(table.keyFields, operation.key),
        );
        wrote ||= (deleted.rowCount ?? 0) > 0;
        return undefined;
      }
    }
  };
  let step = program.next();
  while (!step.done) step = program.next(await execute(step.value));
  return { result: step.value, wrote };
}

async function purge(client: pg.PoolClient, scope: PurgeScope): Promise<void> {
  for (const name of TABLE_NAMES) {
    const table = statements(name);
    if (scope.repositoryId === undefined) {
      if (table.purgeInstallation)
        await client.query(table.purgeInstallation, [scope.installationId]);
    } else if (table.purgeRepository)
      await client.query(table.purgeRepository, [scope.installationId, scope.repositoryId]);
  }
}

/** Every row of a table, in the backend-neutral form. */
export async function scanPostgres<T extends TableName>(
  pool: pg.Pool,
  name: T,
): Promise<StoredRows[T][]> {
  const { mapping } = statements(name);
  const { rows } = await pool.query({
    text: `SELECT ${mapping.columns.join(", ")} FROM ${name}`,
    rowMode: "array",
  });
  return (rows as unknown[][]).map((r) => mapping.fromColumns(r)) as StoredRows[T][];
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
  const { mapping, keyFields } = statements(name);
  const width = mapping.columns.length;
  const keys = keyFields.map(columnOf);
  const others = mapping.columns.filter((column) => !keys.includes(column));
  const conflict =
    others.length === 0
      ? "ON CONFLICT DO NOTHING"
      : `ON CONFLICT (${keys.join(", ")}) DO UPDATE SET ${others.map((c) => `${c} = EXCLUDED.${c}`).join(", ")}`;
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
