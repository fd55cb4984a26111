import { randomBytes } from "node:crypto";
import pg from "pg";

/** The URL of database `name` on the same server as `serverUrl`. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function asAdmin(serverUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/**
 * A fresh database on the server at `serverUrl`, empty or a copy of `template` (a database
 * nobody is connected to, such as one the app migrated: copying it is faster than migrating);
 * `drop` removes it.
 */
export async function createDatabase(
  serverUrl: string,
  template?: string,
): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `expectations_${randomBytes(6).toString("hex")}`;
  await asAdmin(
    serverUrl,
    template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`,
  );
  return {
    url: databaseUrl(serverUrl, name),
    name,
    drop: () => asAdmin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
