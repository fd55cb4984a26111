import { inject } from "vitest";
import { createDatabase } from "../../bench/postgres-database.js";
import { openStore, type Store } from "../../src/store/index.js";

/** A fresh database on the test run's server, migrated and empty; `drop` removes it. */
export function tempDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  return createDatabase(inject("postgresUrl"), inject("postgresTemplate"));
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
