import { setTimeout as delay } from "node:timers/promises";
import type { Logger, Server } from "probot";
import type { Store } from "../store/index.js";
import type { InFlightWork } from "./in-flight-work.js";

/** The most a shutdown takes, from the signal to the exit (README "Stopping"). */
const SHUTDOWN_DEADLINE_MS = 10_000;
// Of that, what deliveries, publications, jobs and imports in flight get to finish...
const WORK_DEADLINE_MS = 8_000;
// ...and what the last answers and closing the store get; the rest is margin for a loaded machine.
const CLOSE_DEADLINE_MS = 1_000;

/** A piece of work a shutdown waits for, and how to name what is cut if it cannot finish. */
export interface Stoppable {
  stop: () => Promise<unknown>;
  /** What is left if `stop` has not finished in time, for the log line ("1 publication"). */
  cut: () => string;
}

/** What a running app leaves a shutdown to stop: its deliveries and work, then its store. */
export interface RunningWork {
  store: Store;
  log: Logger;
  deliveries: InFlightWork;
  work: Stoppable[];
}

/** The background work of a running app, each piece as a shutdown stops it. */
export interface AppWork {
  deliveries: InFlightWork;
  publishing: { stop: () => Promise<void>; publishing: () => number };
  stopScheduler: () => Promise<void>;
  backfills: { stop: () => Promise<void> };
  catchUps: { stop: () => Promise<void> };
  stopHeartbeat: () => Promise<void>;
  figures: { stop: () => Promise<unknown> } | undefined;
}

const count = (n: number, what: string) => `${n === 1 ? "a" : n} ${what}${n === 1 ? "" : "s"}`;

/** The app's work in the order a shutdown lists it, each naming what is lost if it is cut. */
export function stoppableWork(app: AppWork): Stoppable[] {
  const { deliveries, publishing, figures } = app;
  const work: Stoppable[] = [
    {
      stop: () => deliveries.idle(),
      cut: () =>
        `${count(deliveries.running(), "delivery")} (answered 5xx or not at all: GitHub lists them for redelivery)`,
    },
    {
      stop: publishing.stop,
      cut: () =>
        `${count(Math.max(1, publishing.publishing()), "publication")} of release readiness (left in the publish queue: published after its lease, by the next start or another replica)`,
    },
    { stop: app.stopScheduler, cut: () => "a scheduled job (run again on its next tick)" },
    {
      stop: app.backfills.stop,
      cut: () => "an import (resumed from its last page on the next start)",
    },
    {
      stop: app.catchUps.stop,
      cut: () => "a catch-up (its gap stays open; resumed from its last page on the next start)",
    },
    { stop: app.stopHeartbeat, cut: () => "the heartbeat" },
  ];
  if (figures)
    work.push({ stop: () => figures.stop(), cut: () => "the dashboard's worker threads" });
  return work;
}

/** Stops what a failed start had begun (it would keep the process alive), within the deadline. */
export async function stopStartedWork(work: Stoppable[]): Promise<void> {
  await Promise.race([
    Promise.all(work.map((piece) => piece.stop())),
    delay(WORK_DEADLINE_MS, undefined, { ref: false }),
  ]);
}

/**
 * Stops accepting deliveries, gives the work in flight (deliveries recorded and published,
 * publications, jobs, imports after their page) until the work deadline, closes the store, and
 * logs one line naming what was cut. Whatever is in flight, it is over within the shutdown
 * deadline: a publication cut off stays in the durable publish queue, which is what it is for.
 */
async function stopGracefully(signal: string, server: Server, app: RunningWork): Promise<void> {
  app.deliveries.close();
  const closed = server.stop().catch(() => undefined);
  const finished = new Set<Stoppable>();
  const stops = app.work.map((piece) =>
    piece.stop().then(
      () => finished.add(piece),
      (error: unknown) => app.log.error({ err: error }, `stopping on ${signal}: ${piece.cut()}`),
    ),
  );
  await Promise.race([Promise.all(stops), delay(WORK_DEADLINE_MS, undefined, { ref: false })]);
  const cut = app.work.filter((piece) => !finished.has(piece)).map((piece) => piece.cut());
  await Promise.race([
    Promise.all([closed, app.store.close()]),
    delay(CLOSE_DEADLINE_MS, undefined, { ref: false }),
  ]);
  if (cut.length === 0)
    app.log.info(
      { signal },
      `stopped on ${signal}: deliveries and publications in flight finished, store closed`,
    );
  else
    app.log.warn(
      { signal, cut },
      `stopped on ${signal} after ${WORK_DEADLINE_MS / 1000} s, cutting off ${cut.join("; ")}`,
    );
}

/**
 * On SIGTERM or SIGINT (the first one; later ones change nothing): `first` (the webhook proxy
 * stopped), then a graceful stop, then the exit; whatever happens, the process is gone by the
 * shutdown deadline.
 */
export function stopOnSignals(
  server: Server,
  app: RunningWork,
  first: () => Promise<void> | undefined,
): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(0), SHUTDOWN_DEADLINE_MS).unref();
    void Promise.resolve(first())
      .catch(() => undefined)
      .then(() => stopGracefully(signal, server, app))
      .catch((error: unknown) => app.log.error({ err: error }, `stopping on ${signal} failed`))
      // The last line written out, then no wait for idle connections or timers.
      .then(() => setImmediate(() => process.exit(0)));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
