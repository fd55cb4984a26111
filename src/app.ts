import { type ApplicationFunction, Context, type Probot } from "probot";
import { confirmPurges, type Reaction } from "./flows/index.js";
import type { AppGitHub } from "./github/index.js";
import {
  type Delivery,
  type IngestOutcome,
  ingestDelivery,
  keepFailedDelivery,
} from "./ingest/index.js";
import type { Store } from "./store/index.js";
import {
  type DeliveryObservation,
  type DeliveryTracker,
  type HttpRoute,
  probotWebhookPath,
  type WebhookLimits,
  webhookRoute,
} from "./webhooks/index.js";

export type { DeliveryObservation, DeliveryTracker, HttpRoute };

/** Where GitHub posts deliveries unless `WEBHOOK_PATH` says otherwise (Probot's default). */
export const DEFAULT_WEBHOOK_PATH = "/api/github/webhooks";

export interface ExpectationsAppOptions {
  store: Store;
  /**
   * The app's own webhook route (instead of Probot's middleware, which the server must be told
   * to mount elsewhere: see probotWebhookPath): the secret deliveries are signed with, the path,
   * and its limits. Without it, deliveries come only through `probot.receive()`.
   */
  webhooks?: { secret: string; path?: string; limits?: Partial<WebhookLimits> };
  /**
   * What follows each recorded delivery, in turn, after a removal is confirmed: the publish
   * queue's reaction wakes its workers (the delivery itself queued what it made stale).
   */
  reactions?: Reaction[];
  /** Pages served by the same server (the dashboard under `/expectations/`). */
  routes?: HttpRoute[];
  /** The wall clock; tests pass a fixed one. */
  clock?: () => Date;
  tracker?: DeliveryTracker;
  /** Each delivery's outcome, answer status and answer time (for metrics). */
  onDelivery?: (observation: DeliveryObservation) => void;
}

const HEALTH_PATH = "/expectations/health";
const LIVE_PATH = "/expectations/live";
/** A database that has not answered by then counts as unreachable. */
const HEALTH_TIMEOUT_MS = 2_000;
/** The events whose deliveries ask for a removal, confirmed with GitHub right after them. */
const REMOVALS = new Set(["installation.deleted", "installation_repositories.removed"]);

/** Records a delivery in one transaction (removals wait for GitHub's word). */
type RecordDelivery = (delivery: Delivery) => Promise<IngestOutcome>;
/** The reactions to a recorded delivery, in turn. */
type ReactToDelivery = (context: Context, outcome: IngestOutcome) => Promise<void>;

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

/**
 * Health: can this replica do its work (503 while the database is away, so a load balancer
 * sends deliveries elsewhere). Liveness: is the process running at all (never restart it for a
 * database outage; the pool reconnects by itself).
 */
function healthRoute(store: Store): HttpRoute {
  return async (req, res) => {
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
  };
}

/** A removal is confirmed with GitHub (as the app: the installation may be gone) first. */
function purgeReaction(store: Store, app: Probot): Reaction {
  return async ({ context, outcome, now }) => {
    const action = (context.payload as { action?: string }).action;
    if (!REMOVALS.has(`${context.name}.${action}`) || !("installationId" in outcome)) return;
    await confirmPurges({
      store,
      github: async () => (await app.auth()) as unknown as AppGitHub,
      log: app.log,
      now: now.getTime(),
      installationId: outcome.installationId,
    });
  };
}

/** A Probot Context for a delivery the app's route recorded, as Probot's own would make it. */
async function probotContext(app: Probot, delivery: Delivery): Promise<Context> {
  const installationId = (delivery.payload as { installation?: { id?: unknown } })?.installation
    ?.id;
  const octokit = await app.auth(typeof installationId === "number" ? installationId : undefined);
  const event = { id: delivery.id, name: delivery.name, payload: delivery.payload };
  return new Context(
    event as ConstructorParameters<typeof Context>[0],
    octokit,
    app.log.child({ name: "event", id: delivery.id }),
  );
}

/**
 * What `probot.receive()` delivers (tests, and Probot's own middleware where it answers):
 * recorded, then the reactions, in turn; a malformed delivery is only kept.
 */
function receiveEvent(record: RecordDelivery, react: ReactToDelivery, clock: () => Date) {
  return async (event: Parameters<Parameters<Probot["onAny"]>[0]>[0]) => {
    // Probot hands every handler a full Context; the onAny typing only shows the event part.
    const context = event as unknown as Context;
    const outcome = await record({
      name: context.name,
      id: context.id,
      payload: context.payload,
      receivedAt: clock().getTime(),
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
    await react(context, outcome);
  };
}

/**
 * The app's own webhook route at its path, which Probot's middleware must not hold: each
 * delivery recorded (or kept as failed), answered, then reacted to.
 */
function appWebhookRoute(
  app: Probot,
  webhooks: NonNullable<ExpectationsAppOptions["webhooks"]>,
  options: Pick<ExpectationsAppOptions, "store" | "tracker" | "onDelivery"> & {
    record: RecordDelivery;
    react: ReactToDelivery;
    clock: () => Date;
  },
): HttpRoute {
  const { store, tracker, onDelivery, record, react, clock } = options;
  const path = webhooks.path ?? DEFAULT_WEBHOOK_PATH;
  if (app.webhookPath === path)
    throw new Error(
      `Probot's own webhook middleware is mounted at ${path}: start the server with WEBHOOK_PATH=${probotWebhookPath(path)} so that the app's route answers deliveries`,
    );
  return webhookRoute({
    path,
    secret: webhooks.secret,
    log: app.log.child({ name: "webhooks" }),
    record,
    keepFailed: (delivery, reason) => keepFailedDelivery(store, delivery, reason),
    react: async (delivery, outcome) => {
      if (outcome.status !== "malformed") await react(await probotContext(app, delivery), outcome);
    },
    clock,
    ...(webhooks.limits ? { limits: webhooks.limits } : {}),
    ...(tracker ? { tracker } : {}),
    ...(onDelivery ? { onDelivery } : {}),
  });
}

/** The Probot app: record every delivery, answer, then let the reactions re-evaluate. */
export function expectationsApp(options: ExpectationsAppOptions): ApplicationFunction {
  const { store, routes = [], clock = () => new Date(), tracker } = options;
  return (app: Probot, { addHandler }) => {
    const reactions = [purgeReaction(store, app), ...(options.reactions ?? [])];
    // A delivery's event name is not signed: removals wait for GitHub's word (confirmPurges).
    const record: RecordDelivery = (delivery) =>
      ingestDelivery(store, delivery, { confirmPurges: true });
    const react: ReactToDelivery = async (context, outcome) => {
      const now = clock();
      for (const reaction of reactions) await reaction({ context, outcome, now });
    };
    const receive = receiveEvent(record, react, clock);
    app.onAny((event) => (tracker ? tracker.track(() => receive(event)) : receive(event)));
    if (options.webhooks)
      addHandler(appWebhookRoute(app, options.webhooks, { ...options, clock, record, react }));
    addHandler(healthRoute(store));
    for (const route of routes) addHandler(route);
  };
}
