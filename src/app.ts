import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApplicationFunction, Context, Probot } from "probot";
import type { Reaction } from "./flows/index.js";
import { ingestDelivery } from "./ingest/index.js";
import type { Store } from "./store/index.js";

/** An HTTP route beside the webhooks: true when it answered the request. */
export type HttpRoute = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** Runs each delivery's handling so that a shutdown can wait for it (see inFlightWork). */
export interface DeliveryTracker {
  track<T>(work: () => Promise<T>): Promise<T>;
}

export interface ExpectationsAppOptions {
  store: Store;
  reactions?: Reaction[];
  /** Pages served by the same server (the dashboard under `/expectations/`). */
  routes?: HttpRoute[];
  /** The wall clock; tests pass a fixed one. */
  clock?: () => Date;
  tracker?: DeliveryTracker;
}

const HEALTH_PATH = "/expectations/health";

/** The Probot app: record every delivery, then let the reactions re-evaluate. */
export function expectationsApp(options: ExpectationsAppOptions): ApplicationFunction {
  const { store, reactions = [], routes = [], clock = () => new Date(), tracker } = options;
  return (app: Probot, { addHandler }) => {
    const handle = async (event: Parameters<Parameters<Probot["onAny"]>[0]>[0]) => {
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
        return;
      }
      context.log.debug({ ...fields, status: outcome.status }, "delivery recorded");
      for (const reaction of reactions) await reaction({ context, outcome, now });
    };
    app.onAny((event) => (tracker ? tracker.track(() => handle(event)) : handle(event)));

    addHandler((req, res) => {
      if (req.method !== "GET" || req.url !== HEALTH_PATH) return false;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: "ok" }));
      return true;
    });
    for (const route of routes) addHandler(route);
  };
}
