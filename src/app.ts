import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApplicationFunction, Context, Probot } from "probot";
import type { Reaction, ReleaseQueue } from "./flows/index.js";
import { appConnector, type InstallationConnection } from "./github/index.js";
import { ingestDelivery } from "./ingest/index.js";
import type { Store } from "./store/index.js";
import type { DeliveryOutcome } from "./telemetry/index.js";

/** An HTTP route beside the webhooks: true when it answered the request. */
export type HttpRoute = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** Told how each delivery's handling ended and how long it took (the operators' metrics). */
export type DeliveryObserver = (event: string, outcome: DeliveryOutcome, seconds: number) => void;

/** Runs each delivery's handling so that a shutdown can wait for it (see inFlightWork). */
export interface DeliveryTracker {
  track<T>(work: () => Promise<T>): Promise<T>;
}

export interface ExpectationsAppOptions {
  store: Store;
  /**
   * The publish queue of release readiness, given how to reach any installation of this app:
   * each recorded delivery wakes it (the delivery itself queued what it made stale).
   */
  publish?: (connect: (installationId: number) => Promise<InstallationConnection>) => ReleaseQueue;
  reactions?: Reaction[];
  /** Pages served by the same server (the dashboard under `/expectations/`). */
  routes?: HttpRoute[];
  /** The wall clock; tests pass a fixed one. */
  clock?: () => Date;
  tracker?: DeliveryTracker;
  observe?: DeliveryObserver;
}

const HEALTH_PATH = "/expectations/health";
const LIVE_PATH = "/expectations/live";
/** A database that has not answered by then counts as unreachable. */
const HEALTH_TIMEOUT_MS = 2_000;

/** The store answers within the deadline, or why not (for a load balancer's health check). */
async function storeHealth(store: Store): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve("the database did not answer in time"), HEALTH_TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      store.ping().then(
        () => null,
        () => "the database cannot be reached",
      ),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The Probot app: record every delivery, then let the reactions re-evaluate. */
export function expectationsApp(options: ExpectationsAppOptions): ApplicationFunction {
  const { store, routes = [], clock = () => new Date(), tracker } = options;
  return (app: Probot, { addHandler }) => {
    const queue = options.publish?.(appConnector(app));
    const reactions = [...(queue ? [queue.reaction] : []), ...(options.reactions ?? [])];
    const handle = async (
      event: Parameters<Parameters<Probot["onAny"]>[0]>[0],
    ): Promise<DeliveryOutcome> => {
      // Probot hands every handler a full Context; the onAny typing only shows the event part.
      const context = event as unknown as Context;
      const now = clock();
      const outcome = await ingestDelivery(store, {
        name: context.name,
        id: context.id,
        payload: context.payload,
        receivedAt: now.getTime(),
      });
      const fields = { delivery: context.id, event: context.name };
      if (outcome.status === "malformed") {
        context.log.warn(
          { ...fields, error: outcome.error },
          "delivery kept as failed: payload is malformed",
        );
        return outcome.status;
      }
      context.log.debug({ ...fields, status: outcome.status }, "delivery recorded");
      for (const reaction of reactions) await reaction({ context, outcome, now });
      return outcome.status;
    };
    // The delivery observer: one place, so that it can move onto whatever answers the webhook.
    const observed = async (event: Parameters<Parameters<Probot["onAny"]>[0]>[0]) => {
      const started = performance.now();
      const seconds = () => (performance.now() - started) / 1000;
      let outcome: DeliveryOutcome;
      try {
        outcome = await handle(event);
      } catch (error) {
        options.observe?.(event.name, "failed", seconds());
        throw error;
      }
      options.observe?.(event.name, outcome, seconds());
    };
    app.onAny((event) => (tracker ? tracker.track(() => observed(event)) : observed(event)));

    // Health: can this replica do its work (503 while the database is away, so a load balancer
    // sends deliveries elsewhere). Liveness: is the process running at all (never restart it
    // for a database outage; the pool reconnects by itself).
    addHandler(async (req, res) => {
      if (req.method !== "GET" || (req.url !== HEALTH_PATH && req.url !== LIVE_PATH)) return false;
      const problem = req.url === HEALTH_PATH ? await storeHealth(store) : null;
      res.writeHead(problem ? 503 : 200, {
        "content-type": "application/json",
        "cache-control": "no-store",
      });
      res.end(
        JSON.stringify(problem ? { status: "unavailable", reason: problem } : { status: "ok" }),
      );
      return true;
    });
    for (const route of routes) addHandler(route);
  };
}
