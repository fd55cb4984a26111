import type { Logger } from "pino";
import type { StoreLocation } from "../store/index.js";
import type { FigureJob, FigureValue } from "./compute-figure.js";
import { WorkerPool } from "./worker-pool.js";

/** What each figures worker is started with: where the store is. */
export interface FiguresWorkerData {
  location: StoreLocation;
  /** Connections of a worker's own PostgreSQL pool (an SQLite file needs one). */
  databasePoolSize: number;
}

export interface FigureWorkersOptions {
  /** The store the server opened (`resolveStoreLocation`): each worker opens it again to read. */
  location: StoreLocation;
  /** How many worker threads compute figures side by side (default 1). */
  size?: number;
  log: Logger;
  restartMs?: number;
}

/** The pool, typed by job: each kind of job answers with its own kind of figure. */
export interface FigureWorkers {
  run<J extends FigureJob>(job: J): Promise<FigureValue<J>>;
  /** Jobs running or waiting for a worker. */
  readonly pending: number;
  close(graceMs?: number): Promise<void>;
}

// Built, the worker is JavaScript beside this file; run from the sources (tests), TypeScript.
const SCRIPT = new URL(
  `./figures-worker.${import.meta.url.endsWith(".ts") ? "ts" : "js"}`,
  import.meta.url,
);

/** The worker threads that compute the dashboard's figures, each with its own store. */
export function figureWorkers(options: FigureWorkersOptions): FigureWorkers {
  // Each job is answered by computeFigure for its kind (see figures-worker.ts).
  return new WorkerPool<FigureJob, never>({
    script: SCRIPT,
    workerData: {
      location: { url: options.location.url, path: options.location.path },
      databasePoolSize: 2,
    } satisfies FiguresWorkerData,
    size: options.size ?? 1,
    name: "dashboard figures",
    log: options.log,
    ...(options.restartMs ? { restartMs: options.restartMs } : {}),
  });
}
