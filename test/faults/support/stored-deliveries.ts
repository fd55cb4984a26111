import type { Delivery } from "../../../src/ingest/index.js";
import { ingestDelivery } from "../../../src/ingest/index.js";
import { SqliteStore } from "../../../src/store/index.js";
import { tempStore } from "../../helpers/temp-store.js";

/** The delivery ids a server left in its SQLite file, and the file's integrity check. */
export function storedDeliveryIds(path: string): { ids: Set<string>; integrity: unknown } {
  const store = new SqliteStore({ path });
  try {
    const rows = store.db.prepare("SELECT delivery_id FROM deliveries").all() as {
      delivery_id: string;
    }[];
    return {
      ids: new Set(rows.map((row) => row.delivery_id)),
      integrity: store.db.pragma("integrity_check", { simple: true }),
    };
  } finally {
    store.db.close();
  }
}

/**
 * Deliveries of events and actions the app does not follow: acknowledged without writing
 * anything, so absent from the delivery log. Found by ingesting them into a scratch store.
 */
export async function ignoredDeliveryIds(deliveries: readonly Delivery[]): Promise<Set<string>> {
  const probe = tempStore();
  try {
    const ignored = new Set<string>();
    for (const delivery of deliveries)
      if ((await ingestDelivery(probe.store, delivery)).status === "ignored")
        ignored.add(delivery.id);
    return ignored;
  } finally {
    await probe.cleanup();
  }
}
