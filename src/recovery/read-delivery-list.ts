import type { Millis } from "../store/index.js";
import type { HookDeliveries } from "./hook-deliveries.js";
import type { ListedDelivery } from "./listed-delivery.js";

/** How far back a reading of GitHub's list came. */
export interface DeliveryListReading {
  /** Attempts delivered at or after `from`, newest first. */
  listed: ListedDelivery[];
  /**
   * `from`: back past `from`; `end`: GitHub listed nothing older (it keeps deliveries for a few
   * days); `cut_short`: stopped by the page or time bound before either.
   */
  reach: "from" | "end" | "cut_short";
  pages: number;
  /** The oldest attempt read, whether before `from` or not. */
  oldestAt: Millis | null;
  newestAt: Millis | null;
}

export interface ReadDeliveryListOptions {
  from: Millis;
  maxPages: number;
  /** No page is asked for after this time. */
  deadline: Millis;
  clock: () => Date;
  perPage?: number;
}

/** Reads GitHub's list of the App's deliveries, newest first, back to `from` within bounds. */
export async function readDeliveryList(
  deliveries: HookDeliveries,
  options: ReadDeliveryListOptions,
): Promise<DeliveryListReading> {
  const listed: ListedDelivery[] = [];
  let cursor: string | null = null;
  let pages = 0;
  let oldestAt: Millis | null = null;
  let newestAt: Millis | null = null;
  for (;;) {
    const page = await deliveries.listPage(cursor, options.perPage ?? 100);
    pages += 1;
    let passed = false;
    for (const delivery of page.deliveries) {
      oldestAt = Math.min(oldestAt ?? delivery.deliveredAt, delivery.deliveredAt);
      newestAt = Math.max(newestAt ?? delivery.deliveredAt, delivery.deliveredAt);
      if (delivery.deliveredAt < options.from) passed = true;
      else listed.push(delivery);
    }
    const reading = { listed, pages, oldestAt, newestAt };
    if (passed) return { ...reading, reach: "from" };
    if (page.next === null) return { ...reading, reach: "end" };
    if (pages >= options.maxPages || options.clock().getTime() >= options.deadline)
      return { ...reading, reach: "cut_short" };
    cursor = page.next;
  }
}
