import { openStore } from "../../../src/store/index.js";
import { sqliteIntegrity } from "../../helpers/sqlite-file.js";

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
