import type Database from "better-sqlite3";
import type { RowOperation, RowProgram } from "../changes/index.js";
import { columnOf, type Intern, TABLES } from "../schema/index.js";
import {
  type PurgeScope,
  ROW_GROUPS,
  ROW_KEYS,
  type StoredRows,
  type TableName,
} from "../stored-rows.js";

/** A table's mapping with the row type left open, for code that serves every table. */
interface AnyTable {
  columns: readonly string[];
  toColumns(row: object): unknown[];
  fromColumns(r: unknown[], intern?: Intern): object;
}

interface TableStatements {
  mapping: AnyTable;
  keyFields: readonly string[];
  groupFields: readonly string[];
  get: Database.Statement;
  list: Database.Statement | undefined;
  put: Database.Statement;
  insert: Database.Statement;
  delete: Database.Statement;
  purgeInstallation: Database.Statement | undefined;
  purgeRepository: Database.Statement | undefined;
}

function prepareTable(db: Database.Database, name: TableName): TableStatements {
  const mapping = TABLES[name] as unknown as AnyTable;
  const keyFields = ROW_KEYS[name] as readonly string[];
  const groupFields = (ROW_GROUPS as Partial<Record<TableName, readonly string[]>>)[name] ?? [];
  const where = (fields: readonly string[]) =>
    fields.map((field) => `${columnOf(field)} = ?`).join(" AND ");
  const columns = mapping.columns.join(", ");
  const keys = keyFields.map(columnOf);
  const others = mapping.columns.filter((column) => !keys.includes(column));
  const insert = `INSERT INTO ${name} (${columns}) VALUES (${mapping.columns.map(() => "?").join(", ")})`;
  const update = others.map((column) => `${column} = excluded.${column}`).join(", ");
  return {
    mapping,
    keyFields,
    groupFields,
    get: db.prepare(`SELECT ${columns} FROM ${name} WHERE ${where(keyFields)}`).raw(),
    list:
      groupFields.length > 0
        ? db.prepare(`SELECT ${columns} FROM ${name} WHERE ${where(groupFields)}`).raw()
        : undefined,
    put: db.prepare(
      others.length === 0
        ? `${insert} ON CONFLICT DO NOTHING`
        : `${insert} ON CONFLICT (${keys.join(", ")}) DO UPDATE SET ${update}`,
    ),
    insert: db.prepare(`${insert} ON CONFLICT DO NOTHING`),
    delete: db.prepare(`DELETE FROM ${name} WHERE ${where(keyFields)}`),
    // Sessions belong to people, not to an installation.
    purgeInstallation: mapping.columns.includes("installation_id")
      ? db.prepare(`DELETE FROM ${name} WHERE installation_id = ?`)
      : undefined,
    purgeRepository: mapping.columns.includes("repository_id")
      ? db.prepare(`DELETE FROM ${name} WHERE installation_id = ? AND repository_id = ?`)
      : undefined,
  };
}

function values(fields: readonly string[], from: object): unknown[] {
  return fields.map((field) => (from as Record<string, unknown>)[field]);
}

/** The row-level primitives of the SQLite store, and the runner of write programs over them. */
export interface SqliteRows {
  /** Runs a write program; the caller holds the transaction it belongs in. */
  run<T>(program: RowProgram<T>): T;
  /** Every row of a table. */
  scan<T extends TableName>(name: T): StoredRows[T][];
}

export function sqliteRows(db: Database.Database): SqliteRows {
  const prepared = new Map<TableName, TableStatements>();
  const statements = (name: TableName) => {
    let found = prepared.get(name);
    if (!found) {
      found = prepareTable(db, name);
      prepared.set(name, found);
    }
    return found;
  };
  const purge = (scope: PurgeScope) => {
    for (const name of Object.keys(TABLES) as TableName[]) {
      const table = statements(name);
      if (scope.repositoryId === undefined) table.purgeInstallation?.run(scope.installationId);
      else table.purgeRepository?.run(scope.installationId, scope.repositoryId);
    }
  };

  const execute = (operation: RowOperation): unknown => {
    if (operation.op === "purge") {
      purge(operation.scope);
      return undefined;
    }
    const table = statements(operation.table);
    switch (operation.op) {
      case "get": {
        const found = table.get.get(...values(table.keyFields, operation.key));
        return found === undefined ? undefined : table.mapping.fromColumns(found as unknown[]);
      }
      case "list":
        return (
          (table.list as Database.Statement).all(
            ...values(table.groupFields, operation.group),
          ) as unknown[][]
        ).map((r) => table.mapping.fromColumns(r));
      case "put":
        table.put.run(...table.mapping.toColumns(operation.row));
        return undefined;
      case "insert":
        return table.insert.run(...table.mapping.toColumns(operation.row)).changes === 1;
      case "delete":
        table.delete.run(...values(table.keyFields, operation.key));
        return undefined;
    }
  };

  return {
    run(program) {
      let step = program.next();
      while (!step.done) step = program.next(execute(step.value));
      return step.value;
    },
    scan(name) {
      const { mapping } = statements(name);
      return (
        db
          .prepare(`SELECT ${mapping.columns.join(", ")} FROM ${name}`)
          .raw()
          .all() as unknown[][]
      ).map((r) => mapping.fromColumns(r)) as StoredRows[typeof name][];
    },
  };
}
