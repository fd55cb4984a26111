import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ActivityTable, openStore, type Store } from "../../src/store/index.js";

export interface TempStore {
  store: Store;
  path: string;
  cleanup: () => Promise<void>;
}

/** A store on a real SQLite file in a fresh temporary folder; `cleanup` closes and removes it. */
export async function tempStore(): Promise<TempStore> {
  const dir = mkdtempSync(join(tmpdir(), "expectations-test-"));
  const path = join(dir, "test.db");
  const store = await openStore({ path });
  return {
    store,
    path,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** How many rows the store keeps in an activity table, the delivery log or the failed ones. */
export async function countRows(
  store: Store,
  table: ActivityTable | "deliveries" | "failed_deliveries",
): Promise<number> {
  if (table === "deliveries") return (await store.dumpDeliveryLog()).deliveries.length;
  if (table === "failed_deliveries") return (await store.dumpDeliveryLog()).failedDeliveries.length;
  return (await store.dumpActivity())[table].length;
}
