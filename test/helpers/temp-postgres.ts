import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { openStore, type Store } from "../../src/store/index.js";

/** The URL of database `name` on the same server as `serverUrl`. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh, empty database on the test run's server; `drop` removes it. */
export async function tempDatabase(serverUrl = inject("postgresUrl")): Promise<{
  url: string;
  drop: () => Promise<void>;
}> {
  const name = `expectations_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: databaseUrl(serverUrl, name),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A store on a fresh PostgreSQL database; `cleanup` closes it and drops the database. */
export async function tempPostgresStore(): Promise<{
  store: Store;
  url: string;
  cleanup: () => Promise<void>;
}> {
  const database = await tempDatabase();
  const store = await openStore({ url: database.url });
  return {
    store,
    url: database.url,
    cleanup: async () => {
      await store.close();
      await database.drop();
    },
  };
}
