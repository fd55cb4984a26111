import type { Logger } from "pino";
import { type CatchUps, type RecoveryRun, recoverMissedDeliveries } from "../flows/index.js";
import type { HookDeliveries } from "../recovery/index.js";
import type { Store } from "../store/index.js";
import type { Telemetry } from "../telemetry/index.js";
import type { ScheduledJob } from "./job.js";

export const REDELIVERY_JOB = "redelivery";
export const DEFAULT_REDELIVERY_INTERVAL_MS = 5 * 60_000;
/** After asking for redeliveries, the next run comes this soon to see them arrive. */
const LOOK_AGAIN_MS = 30_000;
/** If its replica dies mid-run, another takes the job over this soon. */
const REDELIVERY_LEASE_MS = 60_000;

export interface RedeliveryJobOptions {
  store: Store;
  /** GitHub's list of the App's deliveries, as the App. */
  deliveries: () => Promise<HookDeliveries>;
  events: ReadonlySet<string>;
  /** Every this long (REDELIVERY_INTERVAL). */
  intervalMs: number;
  catchUps: CatchUps;
  clock?: () => Date;
  telemetry?: Telemetry;
  log: Logger;
  onRun?: (run: RecoveryRun) => void;
}

/**
 * Recovers what GitHub sent while the app could not take it: at start and every `intervalMs`
 * (30 s after a run that is still waiting for redeliveries), one replica at a time reads GitHub's
 * list of the App's deliveries and asks for those the store lacks (recoverMissedDeliveries);
 * then each installation with a gap redelivery cannot close is caught up by backfill in the
 * background. On an Enterprise Server without the list, it says so once and relies on catch-up.
 */
export function redeliveryJob(options: RedeliveryJobOptions): ScheduledJob {
  const { store, log } = options;
  const clock = options.clock ?? (() => new Date());
  let waiting = false;
  let saidUnavailable = false;
  return {
    name: REDELIVERY_JOB,
    runAtStart: true,
    leaseMs: REDELIVERY_LEASE_MS,
    nextRunAfter: (after) =>
      new Date(after.getTime() + (waiting ? LOOK_AGAIN_MS : options.intervalMs)),
    async run(now) {
      waiting = false;
      const run = await recoverMissedDeliveries({
        store,
        deliveries: await options.deliveries(),
        events: options.events,
        now,
        clock,
        log,
        ...(options.telemetry ? { telemetry: options.telemetry } : {}),
      });
      waiting = run.waiting;
      if (run.reach === "unavailable" && !saidUnavailable) {
        saidUnavailable = true;
        log.warn(
          {},
          "GitHub has no list of the App's deliveries here (an Enterprise Server without GET /app/hook/deliveries): gaps in the record are caught up by backfill instead",
        );
      }
      options.onRun?.(run);
      const catchUp = new Set(
        (await store.listRecordGaps())
          .filter((gap) => gap.state !== "redelivery")
          .map((gap) => gap.installationId),
      );
      for (const installationId of catchUp) options.catchUps.start(installationId);
    },
  };
}
