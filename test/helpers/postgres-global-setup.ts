import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../../bench/embedded-postgres.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** A superuser URL of the test run's PostgreSQL server (TEST_DATABASE_URL, or our own). */
    postgresUrl: string;
  }
}

/**
 * One PostgreSQL server for the whole test run: TEST_DATABASE_URL when set, else a throwaway
 * embedded one on a free port, stopped and deleted at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    project.provide("postgresUrl", given);
    return async () => undefined;
  }
  const server = await startEmbeddedPostgres();
  project.provide("postgresUrl", server.url);
  return () => server.remove();
}
