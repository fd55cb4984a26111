import type { ExpectationsConfig } from "../config/index.js";
import type { Period } from "../metrics/index.js";
import { scheduledPeriod } from "./scheduled-period.js";

/**
 * The `count` periods that scheduled reports covered before `period`, latest first: what the
 * earlier issues reported, so a trend's previous value is the previous issue's.
 */
export function earlierScheduledPeriods(
  config: Pick<ExpectationsConfig, "timezone" | "reports">,
  period: Period,
  count: number,
): Period[] {
  const periods: Period[] = [];
  let later = period;
  for (let i = 0; i < count; i++) {
    later = scheduledPeriod(config, new Date(later.since));
    periods.push(later);
  }
  return periods;
}
