import type { ActivityWrites, DeliveryRecord } from "../store/index.js";
import { MalformedPayloadError } from "./context.js";
import { type Delivery, type NormalizeOptions, normalizeDelivery } from "./normalize-delivery.js";
import { withoutNul } from "./without-nul.js";

export type IngestOutcome =
  | { status: "applied"; installationId: number }
  | { status: "duplicate"; installationId: number }
  | { status: "ignored"; reason: string }
  | { status: "malformed"; error: string };

/** A delivery's log entry, read from a payload that may be anything. */
function seenDelivery(delivery: Delivery): DeliveryRecord {
  const payload = delivery.payload as {
    action?: unknown;
    installation?: { id?: unknown };
    repository?: { id?: unknown };
  } | null;
  const installation = payload?.installation?.id;
  const repository = payload?.repository?.id;
  const action = payload?.action;
  return withoutNul({
    deliveryId: delivery.id,
    installationId: typeof installation === "number" ? installation : null,
    repositoryId: typeof repository === "number" ? repository : null,
    event: delivery.name,
    action: typeof action === "string" ? action.slice(0, 100) : null,
    receivedAt: delivery.receivedAt,
  });
}

/**
 * Keeps a delivery that could not be recorded, whole, with why: a payload that does not fit its
 * event, or one the database would not take. The first copy of an id is the one kept.
 */
export async function keepFailedDelivery(
  store: Pick<ActivityWrites, "recordFailedDelivery">,
  delivery: Delivery,
  error: string,
): Promise<void> {
  await store.recordFailedDelivery(
    { ...seenDelivery(delivery), action: null },
    // JSON escapes a NUL (`\u0000`): the payload is kept as it came.
    JSON.stringify(delivery.payload) ?? "null",
    withoutNul(error),
  );
}

/**
 * Records one delivery in one transaction. A malformed payload (one that does not fit its event)
 * is kept in the store with its error (nothing is lost) and reported; one the app does not follow
 * is logged by its id alone. It never throws for bad input. What the database refuses is thrown, for the caller to keep (keepFailedDelivery).
 */
export async function ingestDelivery(
  store: Pick<ActivityWrites, "applyDelivery" | "recordFailedDelivery">,
  delivery: Delivery,
  options: NormalizeOptions = {},
): Promise<IngestOutcome> {
  let normalized: ReturnType<typeof normalizeDelivery>;
  try {
    normalized = normalizeDelivery(delivery, options);
  } catch (error) {
    if (!(error instanceof MalformedPayloadError)) throw error;
    await keepFailedDelivery(store, delivery, error.message);
    return { status: "malformed", error: `${delivery.name}: ${error.message}` };
  }
  if (normalized.ignored) {
    // Only its id is logged: a redelivery of it is known, and recovery knows it arrived.
    await store.applyDelivery(seenDelivery(delivery), []);
    return { status: "ignored", reason: normalized.reason };
  }
  const installationId = normalized.delivery.installationId as number;
  const status = await store.applyDelivery(normalized.delivery, normalized.changes);
  return { status, installationId };
}
