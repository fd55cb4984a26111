import type { ActivityWrites } from "../store/index.js";
import { MalformedPayloadError } from "./context.js";
import { type Delivery, type NormalizeOptions, normalizeDelivery } from "./normalize-delivery.js";
import { withoutNul } from "./without-nul.js";

export type IngestOutcome =
  | { status: "applied"; installationId: number }
  | { status: "duplicate"; installationId: number }
  | { status: "ignored"; reason: string }
  | { status: "malformed"; error: string };

/** The installation and repository a payload names, where it names them as GitHub does. */
function payloadScope(payload: unknown): {
  installationId: number | null;
  repositoryId: number | null;
} {
  const scope = payload as { installation?: { id?: unknown }; repository?: { id?: unknown } };
  const installation = scope?.installation?.id;
  const repository = scope?.repository?.id;
  return {
    installationId: typeof installation === "number" ? installation : null,
    repositoryId: typeof repository === "number" ? repository : null,
  };
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
    withoutNul({
      deliveryId: delivery.id,
      ...payloadScope(delivery.payload),
      event: delivery.name,
      action: null,
      receivedAt: delivery.receivedAt,
    }),
    // JSON escapes a NUL (`\u0000`): the payload is kept as it came.
    JSON.stringify(delivery.payload) ?? "null",
    withoutNul(error),
  );
}

/**
 * Records one delivery in one transaction. A malformed payload (one that does not fit its event)
 * is kept in the store with its error (nothing is lost) and reported; it never throws for bad
 * input. What the database refuses is thrown, for the caller to keep (keepFailedDelivery).
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
  if (normalized.ignored) return { status: "ignored", reason: normalized.reason };
  const installationId = normalized.delivery.installationId as number;
  const status = await store.applyDelivery(normalized.delivery, normalized.changes);
  return { status, installationId };
}
