import { z } from "zod";
import { parseReply } from "../backfill/index.js";
import type { Millis } from "../store/index.js";

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const time = z
  .string()
  .refine((text) => !Number.isNaN(Date.parse(text)), "not a date-time")
  .transform((text) => Date.parse(text));

/** One item of `GET /app/hook/deliveries` (GitHub's `hook-delivery-item`), the fields used. */
const deliveryItem = z.object({
  id,
  guid: z.string().min(1).max(200),
  delivered_at: time,
  redelivery: z.boolean(),
  status: z.string().max(1_000),
  status_code: z.number().int().min(0).max(999),
  event: z.string().min(1).max(100),
  action: z.string().max(100).nullable(),
  installation_id: id.nullable(),
  repository_id: id.nullable(),
});

// GitHub's page is at most 100 items; a longer one is not what was asked for.
const deliveryList = z.array(deliveryItem).max(100);

/** A delivery attempt GitHub lists for the App: one event (guid) may have several attempts. */
export interface ListedDelivery {
  /** GitHub's id of this attempt (what a redelivery is asked for). */
  id: number;
  /** The event's id, the `X-GitHub-Delivery` header: the same for every attempt of it. */
  guid: string;
  deliveredAt: Millis;
  redelivery: boolean;
  status: string;
  statusCode: number;
  event: string;
  action: string | null;
  installationId: number | null;
  repositoryId: number | null;
}

/** One page of GitHub's list, checked before anything of it is used. */
export function parseDeliveryPage(body: unknown): ListedDelivery[] {
  return parseReply(deliveryList, body, "the list of the App's deliveries").map((item) => ({
    id: item.id,
    guid: item.guid,
    deliveredAt: item.delivered_at,
    redelivery: item.redelivery,
    status: item.status,
    statusCode: item.status_code,
    event: item.event,
    action: item.action,
    installationId: item.installation_id,
    repositoryId: item.repository_id,
  }));
}

/**
 * The cursor of the next page from GitHub's `Link` header (`<…?cursor=v1_42>; rel="next"`), or
 * null on the last page. A `next` link without a cursor does not fit.
 */
export function nextCursor(link: string | null): string | null {
  if (!link) return null;
  for (const part of link.split(",")) {
    const match = /^\s*<([^>]*)>\s*;\s*rel="?next"?\s*$/.exec(part);
    if (!match) continue;
    let cursor: string | null = null;
    try {
      cursor = new URL(match[1] as string, "https://github.invalid").searchParams.get("cursor");
    } catch {
      cursor = null;
    }
    return parseReply(
      z.string().min(1).max(500),
      cursor ?? undefined,
      "the next page's link of the App's deliveries",
    );
  }
  return null;
}
