import type { Logger } from "pino";
import type { Store } from "../store/index.js";
import type { ScheduledJob } from "./job.js";

const FAILED_DELIVERY_RETENTION_JOB = "failed-delivery-retention";
export const DEFAULT_FAILED_DELIVERY_RETENTION_DAYS = 14;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

interface FailedDeliveryRetentionJobOptions {
  store: Pick<Store, "pruneFailedDeliveries">;
  /** How long a failed delivery (a whole payload, bodies included) is kept for a replay. */
  retentionDays: number;
  log?: Logger;
}

/**
 * Deletes failed deliveries older than `retentionDays`, once an hour: they keep whole payloads
 * so that a fix can replay them, and nothing else in the store keeps a body.
 */
export function failedDeliveryRetentionJob(
  options: FailedDeliveryRetentionJobOptions,
): ScheduledJob {
  const { store, retentionDays, log } = options;
  return {
    name: FAILED_DELIVERY_RETENTION_JOB,
    nextRunAfter: (after) => new Date((Math.floor(after.getTime() / HOUR_MS) + 1) * HOUR_MS),
    async run(now) {
      const deleted = await store.pruneFailedDeliveries(now.getTime() - retentionDays * DAY_MS);
      if (deleted > 0)
        log?.info({ deleted, retentionDays }, "failed deliveries past their retention deleted");
    },
  };
}
