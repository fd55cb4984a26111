import type { Delivery } from "../../../src/ingest/index.js";
import { ingestDelivery } from "../../../src/ingest/index.js";
import { openStore } from "../../../src/store/index.js";
import { sqliteIntegrity } from "../../helpers/sqlite-file.js";
import { tempStore } from "../../helpers/temp-store.js";

/** The delivery ids a server left in its SQLite file, and the file's integrity check. */
export async function storedDeliveryIds(
  path: string,
): Promise<{ ids: Set<string>; integrity: string }> {
  // SQLite's verdict first, on the file exactly as the server left it.
  const integrity = sqliteIntegrity(path);
  const store = await openStore({ path });
  try {
    const { deliveries } = await store.dumpDeliveryLog();
    return { ids: new Set(deliveries.map((row) => row.deliveryId)), integrity };
  } finally {
    await store.close();
  }
}

/**
 * Deliveries of events and actions the app does not follow: acknowledged without writing
 * anything, so absent from the delivery log. Found by ingesting them into a scratch store.
 */
export async function ignoredDeliveryIds(deliveries: readonly Delivery[]): Promise<Set<string>> {
  const probe = await tempStore();
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
