import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { bodyBudget } from "./body-budget.js";
import {
  answerRecording,
  type DeliveryObservation,
  deliveryAnswer,
  logAfterLate,
} from "./delivery-answer.js";
import { receivePayload, requestHeader } from "./receive-payload.js";
import { type DeliveryHandling, recordDelivery } from "./record-delivery.js";

/** An HTTP route beside the webhooks: true when it answered the request. */
export type HttpRoute = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

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

export interface WebhookRouteOptions extends DeliveryHandling {
  /** Where GitHub posts (`WEBHOOK_PATH`, default `/api/github/webhooks`). */
  path: string;
  secret: string;
  onDelivery?: (observation: DeliveryObservation) => void;
  limits?: Partial<WebhookLimits>;
  clock?: () => Date;
}

/** A request's path without its query or trailing slashes, as routes compare it. */
function pathOf(url: string | undefined): string {
  const path = (url ?? "").split("?")[0] ?? "";
  return path.replace(/\/+$/, "") || "/";
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
  const { log } = options;
  const clock = options.clock ?? (() => new Date());
  const path = pathOf(options.path);
  const budget = bodyBudget(limits.bufferedBytes);

  return async (req, res) => {
    if (pathOf(req.url) !== path) return false;
    tightenHeaders(req, limits.headersTimeoutMs);
    const started = Date.now();
    const fields = {
      delivery: requestHeader(req, "x-github-delivery") ?? "",
      event: requestHeader(req, "x-github-event") ?? "",
    };
    const answer = deliveryAnswer(res, { ...fields, started }, log, options.onDelivery);
    const deadlineAt = started + limits.answerDeadlineMs;
    const bodyLimits = { maxBytes: limits.maxBodyBytes, deadlineAt, idleMs: limits.bodyIdleMs };
    const received = await receivePayload(req, options.secret, bodyLimits, budget);
    if ("refused" in received) {
      const { status, message } = received.refused;
      if (status === null) res.destroy();
      else answer(status, status === 503 ? "unavailable" : "refused", message, received.close);
      return true;
    }

    const delivery = {
      name: fields.event,
      id: fields.delivery,
      payload: received.payload,
      receivedAt: clock().getTime(),
    };
    const recording = recordDelivery(delivery, options);
    const result = await untilDeadline(recording, deadlineAt);
    if (result === null) {
      answer(503, "late", `not committed within ${limits.answerDeadlineMs / 1000} s; redeliver it`);
      logAfterLate(recording, fields, log);
    } else answerRecording(answer, result);
    return true;
  };
}

/** What `work` resolves to by `deadlineAt` (epoch milliseconds), or null past it. */
async function untilDeadline<T>(work: Promise<T>, deadlineAt: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), deadlineAt - Date.now());
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
