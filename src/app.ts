import type { ApplicationFunction, Context, Probot } from "probot";
import type { Reaction } from "./flows/index.js";
import { ingestDelivery } from "./ingest/index.js";
import type { Store } from "./store/index.js";

export interface ExpectationsAppOptions {
  store: Store;
  reactions?: Reaction[];
  /** The wall clock; tests pass a fixed one. */
  clock?: () => Date;
}

const HEALTH_PATH = "/expectations/health";

/** The Probot app: record every delivery, then let the reactions re-evaluate. */
export function expectationsApp(options: ExpectationsAppOptions): ApplicationFunction {
  const { store, reactions = [], clock = () => new Date() } = options;
  return (app: Probot, { addHandler }) => {
    app.onAny(async (event) => {
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
    });

    addHandler((req, res) => {
      if (req.method !== "GET" || req.url !== HEALTH_PATH) return false;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: "ok" }));
      return true;
    });
  };
}
