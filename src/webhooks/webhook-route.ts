import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Logger } from "pino";
import type { Delivery, IngestOutcome } from "../ingest/index.js";
import { bodyBudget } from "./body-budget.js";
import { RequestRefused, readBody } from "./read-body.js";
import { SIGNATURE, verifySignature } from "./verify-signature.js";

/** An HTTP route beside the webhooks: true when it answered the request. */
export type HttpRoute = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** Runs each delivery's handling so that a shutdown can wait for it (see inFlightWork). */
export interface DeliveryTracker {
  track<T>(work: () => Promise<T>): Promise<T>;
}

const MB = 1024 * 1024;

export interface WebhookLimits {
  /** GitHub's largest payload: a longer body is refused (413). */
  maxBodyBytes: number;
  /**
   * From the request's headers to the answer: GitHub gives up after 10 s. A delivery not
   * committed by then is answered 503 (never 2xx), so that GitHub lists it for redelivery.
   */
  answerDeadlineMs: number;
  /** The longest pause while a body arrives. */
  bodyIdleMs: number;
  /** Body bytes held at once across requests (see bodyBudget). */
  bufferedBytes: number;
  /** How long a connection may take to send its headers (the server's `headersTimeout`). */
  headersTimeoutMs: number;
}

const WEBHOOK_LIMITS: WebhookLimits = {
  maxBodyBytes: 25 * MB,
  answerDeadlineMs: 8_000,
  bodyIdleMs: 3_000,
  bufferedBytes: 64 * MB,
  headersTimeoutMs: 10_000,
};

/** What became of one delivery: the one place its outcome and answer time are known. */
export interface DeliveryObservation {
  /** `X-GitHub-Event` and `X-GitHub-Delivery` as sent ("" when missing). */
  event: string;
  delivery: string;
  /**
   * `applied`, `duplicate`, `ignored` (2xx); `malformed`: kept as failed (422); `refused`:
   * never read or not GitHub's (4xx); `failed`: the store refused it (500); `late`: not
   * committed by the answer deadline (503); `unavailable`: shutting down or too busy (503).
   */
  outcome: IngestOutcome["status"] | "refused" | "failed" | "late" | "unavailable";
  status: number;
  ms: number;
}

export interface WebhookRouteOptions {
  /** Where GitHub posts (`WEBHOOK_PATH`, default `/api/github/webhooks`). */
  path: string;
  secret: string;
  log: Logger;
  /** Records the delivery in one transaction; throws what the store refused. */
  record(delivery: Delivery): Promise<IngestOutcome>;
  /** Keeps a delivery the store refused, whole, with the reason (failed_deliveries). */
  keepFailed(delivery: Delivery, reason: string): Promise<void>;
  /** The work after a recorded delivery (publishing, imports, purges), once it is answered. */
  react(delivery: Delivery, outcome: IngestOutcome): Promise<void>;
  tracker?: DeliveryTracker;
  onDelivery?: (observation: DeliveryObservation) => void;
  limits?: Partial<WebhookLimits>;
  clock?: () => Date;
}

type Handled =
  | { kind: "recorded"; outcome: IngestOutcome }
  | { kind: "failed"; reason: string; kept: boolean }
  | { kind: "unavailable"; reason: string };

/** The first line of an error's message: what the database or the code said, never a payload. */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0] ?? "";
}

function pathOf(url: string | undefined): string {
  const path = (url ?? "").split("?")[0] ?? "";
  return path.replace(/\/+$/, "") || "/";
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === "string" ? value : undefined;
}

const EVENT_NAME = /^[a-z_]{1,64}$/;
const DELIVERY_ID = /^[\x21-\x7e]{1,128}$/;
const JSON_TYPE = /^\s*application\/json\s*(;|$)/i;

/** What is wrong with a request's headers, before its body is read; null when nothing. */
function refusedHeaders(req: IncomingMessage): RequestRefused | null {
  if (req.method !== "POST") return new RequestRefused(405, `${req.method} is not a delivery`);
  if (!JSON_TYPE.test(header(req, "content-type") ?? ""))
    return new RequestRefused(415, "Content-Type must be application/json");
  if (!EVENT_NAME.test(header(req, "x-github-event") ?? ""))
    return new RequestRefused(400, "X-GitHub-Event is missing or not an event name");
  if (!DELIVERY_ID.test(header(req, "x-github-delivery") ?? ""))
    return new RequestRefused(400, "X-GitHub-Delivery is missing or not a delivery id");
  if (!SIGNATURE.test(header(req, "x-hub-signature-256") ?? ""))
    return new RequestRefused(401, "X-Hub-Signature-256 is missing or not a SHA-256 signature");
  return null;
}

/** Its headers' deadline for every connection of the server a request came through, once. */
const tightened = new WeakSet<Server>();
function tightenHeaders(req: IncomingMessage, ms: number): void {
  const server = (req.socket as Socket & { server?: Server }).server;
  if (!server || tightened.has(server)) return;
  tightened.add(server);
  server.headersTimeout = Math.min(server.headersTimeout, ms);
}

/**
 * The app's own webhook route, in place of Probot's middleware: the body is bounded before it is
 * read, the `X-Hub-Signature-256` checked, the payload recorded in one transaction, and only then
 * answered 2xx; a delivery not committed by the answer deadline gets a 503 (never a 202), so that
 * GitHub lists it for redelivery. The work after it (reactions) runs once it is answered, tracked
 * for a shutdown. One log line per delivery refused or not recorded, without its payload.
 */
export function webhookRoute(options: WebhookRouteOptions): HttpRoute {
  const limits = { ...WEBHOOK_LIMITS, ...options.limits };
  const { log, tracker } = options;
  const clock = options.clock ?? (() => new Date());
  const path = pathOf(options.path);
  const budget = bodyBudget(limits.bufferedBytes);

  /** Records, then reacts in the background; resolves once recorded (or not). */
  const handle = (delivery: Delivery): Promise<Handled> =>
    new Promise((resolve) => {
      const fields = { delivery: delivery.id, event: delivery.name };
      const work = async () => {
        let outcome: IngestOutcome;
        try {
          outcome = await options.record(delivery);
        } catch (error) {
          const reason = reasonOf(error);
          const kept = await options.keepFailed(delivery, reason).then(
            () => true,
            () => false,
          );
          resolve({ kind: "failed", reason, kept });
          return;
        }
        resolve({ kind: "recorded", outcome });
        try {
          await options.react(delivery, outcome);
        } catch (error) {
          log.error(
            { ...fields, reason: reasonOf(error) },
            `work after delivery ${delivery.id} failed: ${reasonOf(error)}`,
          );
        }
      };
      (tracker ? tracker.track(work) : work()).catch((error: unknown) =>
        resolve({ kind: "unavailable", reason: reasonOf(error) }),
      );
    });

  return async (req, res) => {
    if (pathOf(req.url) !== path) return false;
    tightenHeaders(req, limits.headersTimeoutMs);
    const started = Date.now();
    const event = header(req, "x-github-event") ?? "";
    const delivery = header(req, "x-github-delivery") ?? "";
    const fields = { delivery, event };
    const answer = (
      status: number,
      outcome: DeliveryObservation["outcome"],
      text: string,
      close = false,
    ) => {
      const body = JSON.stringify(status < 300 ? { outcome } : { outcome, error: text });
      res.writeHead(status, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
        ...(close ? { connection: "close" } : {}),
      });
      res.end(body);
      options.onDelivery?.({ event, delivery, outcome, status, ms: Date.now() - started });
      const line = { ...fields, status, outcome, reason: text };
      // A store that refuses or is too slow is an error; a refusal or a shutdown is expected.
      if (outcome === "failed" || outcome === "late")
        log.error(line, `delivery ${delivery} not recorded: ${text}`);
      else if (status >= 400)
        log.warn(
          line,
          `delivery ${delivery} ${outcome === "unavailable" ? "not taken now" : "refused"}: ${text}`,
        );
      else log.debug({ ...fields, status, outcome }, `delivery ${delivery} ${outcome}`);
    };

    const refused = refusedHeaders(req);
    if (refused) {
      answer(refused.status ?? 400, "refused", refused.message, true);
      return true;
    }
    const reservation = budget.reserve();
    let payload: unknown;
    try {
      const body = await readBody(
        req,
        {
          maxBytes: limits.maxBodyBytes,
          deadlineAt: started + limits.answerDeadlineMs,
          idleMs: limits.bodyIdleMs,
        },
        reservation,
      );
      if (!verifySignature(options.secret, body, header(req, "x-hub-signature-256") ?? "")) {
        answer(401, "refused", "X-Hub-Signature-256 does not match the body and the secret");
        return true;
      }
      try {
        payload = JSON.parse(body.toString("utf8"));
      } catch {
        answer(400, "refused", "the body is not JSON");
        return true;
      }
    } catch (error) {
      if (!(error instanceof RequestRefused)) throw error;
      if (error.status === null) res.destroy();
      else
        answer(error.status, error.status === 503 ? "unavailable" : "refused", error.message, true);
      return true;
    } finally {
      reservation.release();
    }

    const handled = handle({ name: event, id: delivery, payload, receivedAt: clock().getTime() });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), started + limits.answerDeadlineMs - Date.now());
    });
    const result = await Promise.race([handled, late]);
    clearTimeout(timer);
    if (result === null) {
      answer(503, "late", `not committed within ${limits.answerDeadlineMs / 1000} s; redeliver it`);
      // What became of it after its answer: a redelivery is a duplicate if it was recorded.
      void handled.then((after) => {
        if (after.kind === "recorded")
          log.warn(
            { ...fields, outcome: after.outcome.status },
            `delivery ${delivery} recorded after its 503`,
          );
        else if (after.kind === "failed")
          log.error(
            { ...fields, outcome: "failed", reason: after.reason },
            `delivery ${delivery} not recorded after its 503: ${after.reason}${after.kept ? " (kept in failed_deliveries)" : ""}`,
          );
      });
    } else if (result.kind === "unavailable") answer(503, "unavailable", result.reason);
    else if (result.kind === "failed")
      answer(500, "failed", `${result.reason}${result.kept ? " (kept in failed_deliveries)" : ""}`);
    else if (result.outcome.status === "malformed")
      answer(422, "malformed", `${result.outcome.error} (kept in failed_deliveries)`);
    else answer(200, result.outcome.status, result.outcome.status);
    return true;
  };
}
