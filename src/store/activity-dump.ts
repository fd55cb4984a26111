import { canonicalJson } from "./canonical-json.js";
import type { ActivityDump, ActivityTable, DeliveryLogDump } from "./rows.js";
import { ACTIVITY_TABLES } from "./stored-rows.js";

/** A backend's activity rows as a dump (see ActivityDump). */
export function activityDump(rowsOf: (table: ActivityTable) => readonly object[]): ActivityDump {
  const dump = {} as ActivityDump;
  for (const table of ACTIVITY_TABLES) {
    dump[table] = rowsOf(table)
      .map((row) => {
        if (table !== "installations") return row;
        // When the installation event arrived, not an event time.
        const { updatedAt: _arrived, ...rest } = row as { updatedAt: number };
        return rest;
      })
      .map(canonicalJson)
      .sort();
  }
  return dump;
}

const byDeliveryId = (a: { deliveryId: string }, b: { deliveryId: string }) =>
  a.deliveryId < b.deliveryId ? -1 : a.deliveryId > b.deliveryId ? 1 : 0;

/** A backend's delivery log as a dump (see DeliveryLogDump): each list by delivery id. */
export function deliveryLogDump(
  deliveries: DeliveryLogDump["deliveries"],
  failedDeliveries: DeliveryLogDump["failedDeliveries"],
): DeliveryLogDump {
  return {
    deliveries: deliveries.sort(byDeliveryId),
    failedDeliveries: failedDeliveries.sort(byDeliveryId),
  };
}
