import { noTelemetry, type Telemetry } from "../telemetry/index.js";
import type { AppRequest, AppResponse } from "./app-request.js";
import { type ListedDelivery, nextCursor, parseDeliveryPage } from "./listed-delivery.js";
import { GitHubBusyError, type PoliteOptions, sendPolitely } from "./send-politely.js";

/** GitHub answered 404 to the list: an Enterprise Server without the deliveries API. */
export class DeliveriesUnavailableError extends Error {
  override readonly name = "DeliveriesUnavailableError";
  constructor() {
    super(
      "GitHub has no list of the App's deliveries here (404 on GET /app/hook/deliveries, an Enterprise Server without it): missed deliveries are caught up by backfill instead",
    );
  }
}

export interface DeliveryPage {
  deliveries: ListedDelivery[];
  /** The cursor of the next (older) page; null on the last. */
  next: string | null;
}

/** What GitHub said to a redelivery request. */
export type RedeliveryAnswer =
  | { outcome: "accepted" }
  /** GitHub will not send it again (gone, or not this App's): only a catch-up recovers it. */
  | { outcome: "refused"; status: number; message: string }
  /** No answer, or a 5xx: it may be asked for again later. */
  | { outcome: "failed"; message: string };

export interface HookDeliveries {
  /** One page of the App's deliveries, newest first. */
  listPage(cursor: string | null, perPage: number): Promise<DeliveryPage>;
  redeliver(id: number): Promise<RedeliveryAnswer>;
  /** GitHub requests sent so far, retries included. */
  requests(): number;
}

function messageOf(response: AppResponse): string {
  const body = response.body as { message?: unknown } | null;
  return typeof body?.message === "string" ? body.message.slice(0, 300) : "";
}

/**
 * The App's webhook deliveries on GitHub (`GET /app/hook/deliveries`, `POST
 * /app/hook/deliveries/{id}/attempts`), as the App, waiting as GitHub asks on 403/429. Every
 * page is checked before it is used; the remaining rate limit GitHub reports is told to
 * `telemetry`.
 */
export function hookDeliveries(
  request: AppRequest,
  options: PoliteOptions & { telemetry?: Telemetry },
): HookDeliveries {
  const telemetry = options.telemetry ?? noTelemetry;
  let sent = 0;
  const send = (method: "GET" | "POST", path: string) =>
    sendPolitely(async () => {
      sent += 1;
      const response = await request(method, path);
      const remaining = Number(response.header("x-ratelimit-remaining"));
      if (response.header("x-ratelimit-remaining") !== null && Number.isFinite(remaining))
        telemetry.rateLimit(null, remaining);
      return response;
    }, options);
  return {
    async listPage(cursor, perPage) {
      const query = new URLSearchParams({ per_page: String(perPage) });
      if (cursor !== null) query.set("cursor", cursor);
      const response = await send("GET", `/app/hook/deliveries?${query}`);
      if (response.status === 404) throw new DeliveriesUnavailableError();
      if (response.status !== 200)
        throw new Error(
          `GitHub answered ${response.status} to GET /app/hook/deliveries${messageOf(response) ? ` (${messageOf(response)})` : ""}: check the app's APP_ID and PRIVATE_KEY`,
        );
      // The link first: a page whose link does not fit is not used either.
      const next = nextCursor(response.header("link"));
      return { deliveries: parseDeliveryPage(response.body), next };
    },
    async redeliver(id) {
      let response: AppResponse;
      try {
        response = await send("POST", `/app/hook/deliveries/${id}/attempts`);
      } catch (error) {
        if (error instanceof GitHubBusyError) throw error;
        return { outcome: "failed", message: (error as Error).message };
      }
      if (response.status >= 200 && response.status < 300) return { outcome: "accepted" };
      if (response.status >= 500)
        return { outcome: "failed", message: `GitHub answered ${response.status}` };
      return { outcome: "refused", status: response.status, message: messageOf(response) };
    },
    requests: () => sent,
  };
}
