import pg from "pg";
import { postgresMigrations } from "./migrations/index.js";

/** The advisory lock that migrations run under: replicas starting together wait for each other. */
const MIGRATION_LOCK = "7310588512394527069";
const INT8 = 20;

export interface PostgresSettings {
  url: string;
  /** Connections of this process for queries (default 10). */
  poolSize?: number;
  /**
   * A reader beside the processes that write (the dashboard's workers): every transaction is
   * read-only, and the schema is checked, not migrated.
   */
  readOnly?: boolean;
}

/**
 * A pool of connections to the database at `url`, 64-bit integers read as numbers (ids and
 * epoch milliseconds stay far below 2^53). A connection the server drops (a restart, a
 * failover) leaves the pool, and the next query opens a new one.
 */
export function postgresPool(settings: PostgresSettings, max = settings.poolSize ?? 10): pg.Pool {
  const pool = new pg.Pool({
    connectionString: settings.url,
    max,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: "probot-expectations",
    ...(settings.readOnly ? { options: "-c default_transaction_read_only=on" } : {}),
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === INT8
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format ?? "text")) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server closed: dropped from the pool, nothing to do until the next
  // query, which connects again (without this listener the process would exit).
  pool.on("error", () => undefined);
  return pool;
}

/** Refuses a database whose schema this version has not migrated (a reader changes nothing). */
export async function checkPostgresSchema(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ version: number }>("SELECT version FROM schema_migrations");
  const applied = new Set(rows.map((row) => row.version));
  const missing = postgresMigrations.filter((migration) => !applied.has(migration.version));
  if (missing.length > 0)
    throw new Error(
      `its schema lacks migration ${missing.map((m) => m.version).join(", ")}: start the server, which migrates it, first`,
    );
}

/** Brings the schema up to date under an advisory lock, each migration in its own transaction. */
export async function migratePostgres(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await client.query(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)",
      );
      const { rows } = await client.query<{ version: number }>(
        "SELECT version FROM schema_migrations",
      );
      const applied = new Set(rows.map((row) => row.version));
      for (const migration of postgresMigrations) {
        if (applied.has(migration.version)) continue;
        await client.query("BEGIN");
        try {
          await client.query(migration.sql);
          await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [
            migration.version,
            migration.name,
          ]);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw error;
        }
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
