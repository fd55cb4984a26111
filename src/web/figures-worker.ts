/**
 * A worker thread of the dashboard: opens its own store at the server's location (an SQLite
 * file read-only, or its own PostgreSQL pool) and computes the figures the pages show, so that
 * the server's own thread only renders and never keeps webhooks waiting behind a team's week.
 */
import { workerData } from "node:worker_threads";
import { openStore } from "../store/index.js";
import { answerPoolJobs } from "./answer-pool-jobs.js";
import { computeFigure, type FigureJob } from "./compute-figure.js";
import type { FiguresWorkerData } from "./figure-workers.js";

const { location, databasePoolSize } = workerData as FiguresWorkerData;
const store = await openStore(
  { ...location, readOnly: true },
  { DATABASE_POOL_SIZE: String(databasePoolSize) },
);
answerPoolJobs(
  (job: FigureJob) => computeFigure(store, job),
  () => store.close(),
);
