import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../../bench/embedded-postgres.js";
import { createDatabase } from "../../bench/postgres-database.js";
import { openStore } from "../../src/store/index.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** A superuser URL of the test run's PostgreSQL server (TEST_DATABASE_URL, or our own). */
    postgresUrl: string;
    /** A database the app has migrated, that tests copy rather than migrate their own. */
    postgresTemplate: string;
  }
}

/**
 * One PostgreSQL server for the whole test run: TEST_DATABASE_URL when set, else a throwaway
 * embedded one on a free port, stopped and deleted at the end; and one migrated database on it
 * for the tests to copy.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.TEST_DATABASE_URL;
  const server = given ? undefined : await startEmbeddedPostgres();
  const url = given ?? (server?.url as string);
  const template = await createDatabase(url);
  const store = await openStore({ url: template.url });
  await store.close();
  project.provide("postgresUrl", url);
  project.provide("postgresTemplate", template.name);
  return async () => {
    await template.drop();
    await server?.remove();
  };
}
