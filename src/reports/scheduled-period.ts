import { TZDate } from "@date-fns/tz";
import type { ExpectationsConfig } from "../config/index.js";
import type { Period } from "../metrics/index.js";
import { previousCronRun } from "../time/index.js";

/**
 * The period a scheduled report covers when it runs at `now`: from `period_days` days before
 * the latest scheduled time to that time, same wall-clock time in the team's zone (a week
 * across a DST change is 167 or 169 hours, and still Monday 09:00 to Monday 09:00).
 */
export function scheduledPeriod(
  config: Pick<ExpectationsConfig, "timezone" | "reports">,
  now: Date,
): Period {
  const until = previousCronRun(config.reports.schedule, now, config.timezone);
  const local = new TZDate(until.getTime(), config.timezone);
  const since = new TZDate(
    local.getFullYear(),
    local.getMonth(),
    local.getDate() - config.reports.period_days,
    local.getHours(),
    local.getMinutes(),
    0,
    config.timezone,
  );
  return { since: since.getTime(), until: until.getTime() };
}
