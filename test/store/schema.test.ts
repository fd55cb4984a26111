import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { createDatabase } from "../../bench/postgres-database.js";
import { tempDir } from "../../bench/temp-dir.js";
import { openStore } from "../../src/store/index.js";
import { type ColumnType, TABLES } from "../../src/store/schema/index.js";

/** A column as a migrated database has it, in the declarations' terms. */
interface Found {
  type: ColumnType | string;
  nullable: boolean;
}
type Schema = Record<string, Record<string, Found>>;

/** What the declarations say each table should be; SQLite keeps a boolean as an INTEGER 0/1. */
function declared(backend: "sqlite" | "postgres"): Schema {
  return Object.fromEntries(
    Object.entries(TABLES).map(([table, { declared: columns }]) => [
      table,
      Object.fromEntries(
        Object.entries(columns).map(([name, { type, nullable }]) => [
          name,
          { type: backend === "sqlite" && type === "boolean" ? "integer" : type, nullable },
        ]),
      ),
    ]),
  );
}

const SQLITE_TYPES: Record<string, ColumnType> = { INTEGER: "integer", TEXT: "text" };
const POSTGRES_TYPES: Record<string, ColumnType> = {
  bigint: "integer",
  integer: "integer",
  text: "text",
  boolean: "boolean",
};

/** The tables of a freshly migrated SQLite file (a primary key column counts as not null). */
async function sqliteSchema(): Promise<Schema> {
  const dir = tempDir("schema");
  try {
    const path = join(dir.path, "schema.db");
    await (await openStore({ path })).close();
    const db = new Database(path, { readonly: true });
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'",
      )
      .pluck()
      .all() as string[];
    const schema = Object.fromEntries(
      tables.map((table) => {
        const columns = db.prepare(`PRAGMA table_info(${table})`).all() as {
          name: string;
          type: string;
          notnull: number;
          pk: number;
        }[];
        return [
          table,
          Object.fromEntries(
            columns.map(({ name, type, notnull, pk }) => [
              name,
              { type: SQLITE_TYPES[type] ?? type, nullable: notnull === 0 && pk === 0 },
            ]),
          ),
        ];
      }),
    );
    db.close();
    return schema;
  } finally {
    dir.remove();
  }
}

/** The tables of a freshly migrated, empty PostgreSQL database. */
async function postgresSchema(): Promise<Schema> {
  const database = await createDatabase(inject("postgresUrl"));
  try {
    await (await openStore({ url: database.url })).close();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{
        table_name: string;
        column_name: string;
        data_type: string;
        is_nullable: "YES" | "NO";
      }>(
        `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name <> 'schema_migrations'`,
      );
      const schema: Schema = {};
      for (const row of rows) {
        schema[row.table_name] ??= {};
        (schema[row.table_name] as Record<string, Found>)[row.column_name] = {
          type: POSTGRES_TYPES[row.data_type] ?? row.data_type,
          nullable: row.is_nullable === "YES",
        };
      }
      return schema;
    } finally {
      await client.end();
    }
  } finally {
    await database.drop();
  }
}

describe("the migrated schema", () => {
  it("declares each table under its own name", () => {
    for (const [table, declaration] of Object.entries(TABLES))
      expect(declaration.name, table).toBe(table);
  });

  describe.each([
    ["SQLite", "sqlite", sqliteSchema],
    ["PostgreSQL", "postgres", postgresSchema],
  ] as const)("on %s", (_name, backend, migrate) => {
    let schema: Schema;
    beforeAll(async () => {
      schema = await migrate();
    });

    it("has the declared tables, no more", () => {
      expect(Object.keys(schema).sort()).toEqual(Object.keys(TABLES).sort());
    });

    it.each(Object.keys(TABLES))(
      "has the declared columns, types and nullability of %s",
      (table) => {
        expect(schema[table]).toEqual(declared(backend)[table]);
      },
    );
  });
});
