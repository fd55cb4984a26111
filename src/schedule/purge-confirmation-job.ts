import { type ConfirmPurgesOptions, confirmPurges } from "../flows/index.js";
import type { ScheduledJob } from "./job.js";

const EVERY_MS = 60_000;

/**
 * Every minute, removals that GitHub could not confirm yet (it was down, or rate limited) are
 * asked about again, each after its own back-off.
 */
export function purgeConfirmationJob(
  options: Omit<ConfirmPurgesOptions, "now" | "installationId">,
): ScheduledJob {
  return {
    name: "purge-confirmation",
    nextRunAfter: (after) => new Date((Math.floor(after.getTime() / EVERY_MS) + 1) * EVERY_MS),
    run: (now) => confirmPurges({ ...options, now: now.getTime() }),
  };
}
