import { TZDate } from "@date-fns/tz";
import type { Period } from "../metrics/index.js";

/** How many periods a report's trends cover: its own and the eleven before it. */
export const TREND_PERIODS = 12;

/** A span people count by the calendar. */
export type CalendarSpan = "week" | "month" | "quarter" | "year";

/** The local midnight that starts a calendar date, however long the day (DST). */
function localMidnight(year: number, month: number, day: number, timezone: string): number {
  return new TZDate(year, month, day, 0, 0, 0, 0, timezone).getTime();
}

/** The calendar span that starts at `since`'s local date and is `steps` units later. */
function shifted(since: number, span: CalendarSpan, steps: number, timezone: string): number {
  const local = new TZDate(since, timezone);
  const [year, month, day] = [local.getFullYear(), local.getMonth(), local.getDate()];
  if (span === "week") return localMidnight(year, month, day + 7 * steps, timezone);
  const months = span === "month" ? 1 : span === "quarter" ? 3 : 12;
  return localMidnight(year, month + months * steps, day, timezone);
}

/**
 * The calendar span a period is, in the team's time zone: a week (Monday to Monday), a month,
 * a quarter or a year, each from local midnight to local midnight; null for any other span.
 */
export function calendarSpan(period: Period, timezone: string): CalendarSpan | null {
  const start = new TZDate(period.since, timezone);
  const atMidnight =
    start.getHours() === 0 &&
    start.getMinutes() === 0 &&
    start.getSeconds() === 0 &&
    start.getMilliseconds() === 0;
  if (!atMidnight) return null;
  const month = start.getMonth();
  const firstOfMonth = start.getDate() === 1;
  const candidates: [CalendarSpan, boolean][] = [
    ["year", firstOfMonth && month === 0],
    ["quarter", firstOfMonth && month % 3 === 0],
    ["month", firstOfMonth],
    ["week", start.getDay() === 1],
  ];
  for (const [span, starts] of candidates)
    if (starts && shifted(period.since, span, 1, timezone) === period.until) return span;
  return null;
}

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
export function localDays(period: Period, timezone: string): number {
  for (let days = 1; ; days++)
    if (daysBefore(period.until, days, timezone) <= period.since) return days;
}

/**
 * `count` periods ending with `period`, oldest first, back to back. A calendar span (a week,
 * month, quarter or year) is compared with the calendar spans before it (the previous quarters
 * of a quarter, whatever their length in days); any other period with periods as long in local
 * days, ending where the next begins.
 */
export function trendPeriods(period: Period, count: number, timezone: string): Period[] {
  const span = calendarSpan(period, timezone);
  const days = span === null ? localDays(period, timezone) : 0;
  const periods = [period];
  for (let i = 1; i < count; i++) {
    const later = periods[0] as Period;
    const since =
      span === null
        ? daysBefore(later.since, days, timezone)
        : shifted(period.since, span, -i, timezone);
    periods.unshift({ since, until: later.since });
  }
  return periods;
}

const SPAN_NAMES: Record<CalendarSpan, string> = {
  week: "calendar weeks (Monday to Monday)",
  month: "calendar months",
  quarter: "calendar quarters",
  year: "calendar years",
};

/**
 * What a trend's periods are, in one line: "calendar quarters", or, for any other span, that
 * they are equally long and why ("periods of 10 days each, back to back: …").
 */
export function describeTrendPeriods(periods: readonly Period[], timezone: string): string {
  const spans = new Set(periods.map((period) => calendarSpan(period, timezone)));
  const [span] = spans;
  if (spans.size === 1 && span) return SPAN_NAMES[span];
  const lengths = new Set(periods.map((period) => localDays(period, timezone)));
  const backToBack = periods.every(
    (period, i) => i === 0 || (periods[i - 1] as Period).until === period.since,
  );
  const [days] = lengths;
  if (lengths.size === 1 && days !== undefined && backToBack)
    return `periods of ${days} ${days === 1 ? "day" : "days"} each, back to back: the report's period is not a calendar week, month, quarter or year`;
  return "the periods the earlier reports covered";
}
