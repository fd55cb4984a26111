import type { DeliveryRecord, StoreChange } from "./records.js";
import type { ApplyResult } from "./rows.js";

/** A delivery waiting for the transaction it will share with the others of its burst. */
export interface QueuedDelivery {
  delivery: DeliveryRecord;
  changes: StoreChange[];
  resolve: (result: ApplyResult) => void;
  reject: (error: unknown) => void;
}
