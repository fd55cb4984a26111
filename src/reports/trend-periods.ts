import { TZDate } from "@date-fns/tz";
import type { Period } from "../metrics/index.js";

/** How many periods a report's trends cover: its own and the eleven before it. */
export const TREND_PERIODS = 12;

/** The same wall-clock time `days` local days earlier (a day across a DST change is 23 or 25 hours). */
function daysBefore(instant: number, days: number, timezone: string): number {
  const local = new TZDate(instant, timezone);
  return new TZDate(
    local.getFullYear(),
    local.getMonth(),
    local.getDate() - days,
    local.getHours(),
    local.getMinutes(),
    local.getSeconds(),
    local.getMilliseconds(),
    timezone,
  ).getTime();
}

/** Whole local days from `since` to `until` (at least one). */
function localDays(period: Period, timezone: string): number {
  for (let days = 1; ; days++)
    if (daysBefore(period.until, days, timezone) <= period.since) return days;
}

/**
 * `count` periods ending with `period`, oldest first: each as long as `period` in local days and
 * ending where the next begins, so a trend's points are the reports of back-to-back periods.
 */
export function trendPeriods(period: Period, count: number, timezone: string): Period[] {
  const days = localDays(period, timezone);
  const periods = [period];
  for (let i = 1; i < count; i++) {
    const later = periods[0] as Period;
    periods.unshift({ since: daysBefore(later.since, days, timezone), until: later.since });
  }
  return periods;
}
