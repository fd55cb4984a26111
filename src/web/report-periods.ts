import type { ExpectationsConfig } from "../config/index.js";
import type { Period } from "../metrics/index.js";
import { earlierScheduledPeriods, scheduledPeriod } from "../reports/index.js";
import { nextCronRun, previousCronRun } from "../time/index.js";

/** How many periods back a team page goes, and its trends draw. */
export const TREND_PERIODS = 12;

/**
 * The periods of a team's reports: first the current one, up to the next scheduled report and
 * covering what it will (judged as of now, so far), then the `count` before it, latest first,
 * as the reports posted on `reports.schedule` covered them.
 */
export function reportPeriods(
  config: Pick<ExpectationsConfig, "timezone" | "reports">,
  now: Date,
  count = TREND_PERIODS,
): Period[] {
  const next = nextCronRun(config.reports.schedule, now, config.timezone);
  const last = previousCronRun(config.reports.schedule, now, config.timezone);
  // A period shorter than the schedule's interval (30 days, monthly) still starts by now.
  const current = {
    since: Math.min(scheduledPeriod(config, next).since, last.getTime()),
    until: next.getTime(),
  };
  return [current, ...earlierScheduledPeriods(config, current, count)];
}
