import type { DeliveryRecord, StoreChange } from "../records.js";
import type { ApplyResult } from "../rows.js";
import { applyChange } from "./apply-change.js";
import { insertRow, putRow, type RowProgram } from "./row-operations.js";

/** Changes without a delivery (backfill, the CLI). */
export function* applyChanges(changes: readonly StoreChange[]): RowProgram<void> {
  for (const change of changes) yield* applyChange(change);
}

/** A delivery's changes, atomic with its id: a known id changes nothing. */
export function* applyDelivery(
  delivery: DeliveryRecord,
  changes: readonly StoreChange[],
): RowProgram<ApplyResult> {
  if (!(yield* insertRow("deliveries", delivery))) return "duplicate";
  yield* applyChanges(changes);
  // A removal purges the delivery log of what it removes, except its own record: a
  // redelivery of it is still a duplicate.
  if (changes.some((change) => change.kind === "installation_deleted"))
    yield* putRow("deliveries", delivery);
  return "applied";
}

/** A delivery that could not be normalised; the first copy of an id is the one kept. */
export function* recordFailedDelivery(
  delivery: DeliveryRecord,
  payload: string,
  error: string,
): RowProgram<void> {
  yield* insertRow("failed_deliveries", {
    deliveryId: delivery.deliveryId,
    installationId: delivery.installationId,
    repositoryId: delivery.repositoryId,
    event: delivery.event,
    payload,
    error,
    receivedAt: delivery.receivedAt,
  });
}
