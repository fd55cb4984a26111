import type { Logger } from "pino";
import type { Delivery, IngestOutcome } from "../ingest/index.js";

/** Runs each delivery's handling so that a shutdown can wait for it (see inFlightWork). */
export interface DeliveryTracker {
  track<T>(work: () => Promise<T>): Promise<T>;
}

/** What the route does with a delivery it has read and verified. */
export interface DeliveryHandling {
  log: Logger;
  /** Records the delivery in one transaction; throws what the store refused. */
  record(delivery: Delivery): Promise<IngestOutcome>;
  /** Keeps a delivery the store refused, whole, with the reason (failed_deliveries). */
  keepFailed(delivery: Delivery, reason: string): Promise<void>;
  /** The work after a recorded delivery (publishing, imports, purges), once it is answered. */
  react(delivery: Delivery, outcome: IngestOutcome): Promise<void>;
  tracker?: DeliveryTracker;
}

/** How the recording of a delivery ended: what its answer is made of. */
export type Recording =
  | { kind: "recorded"; outcome: IngestOutcome }
  | { kind: "failed"; reason: string; kept: boolean }
  | { kind: "unavailable"; reason: string };

/** The first line of an error's message: what the database or the code said, never a payload. */
export function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0] ?? "";
}

/**
 * Records a delivery (kept as failed when the store refuses it), then reacts to it in the
 * background, all of it tracked for a shutdown; resolves once recorded, or not (a tracker that
 * takes no more work makes it unavailable).
 */
export function recordDelivery(delivery: Delivery, handling: DeliveryHandling): Promise<Recording> {
  const { log, tracker } = handling;
  return new Promise((resolve) => {
    const fields = { delivery: delivery.id, event: delivery.name };
    const work = async () => {
      let outcome: IngestOutcome;
      try {
        outcome = await handling.record(delivery);
      } catch (error) {
        const reason = reasonOf(error);
        const kept = await handling.keepFailed(delivery, reason).then(
          () => true,
          () => false,
        );
        resolve({ kind: "failed", reason, kept });
        return;
      }
      resolve({ kind: "recorded", outcome });
      try {
        await handling.react(delivery, outcome);
      } catch (error) {
        log.error(
          { ...fields, reason: reasonOf(error) },
          `work after delivery ${delivery.id} failed: ${reasonOf(error)}`,
        );
      }
    };
    (tracker ? tracker.track(work) : work()).catch((error: unknown) =>
      resolve({ kind: "unavailable", reason: reasonOf(error) }),
    );
  });
}
