import { assertTimeZone } from "./assert-time-zone.js";
import { businessDays } from "./business-days.js";
import { DayTable } from "./day-table.js";
import { fromDayNumber, type LocalDate, toDayNumber } from "./local-date.js";
import { parseClockTime } from "./parse-clock-time.js";

export interface CalendarOptions {
  timezone: string;
  /** 0 = Sunday .. 6 = Saturday. */
  workdays: number[];
  holidays: LocalDate[];
  coreHours?: { start: string; end: string };
}

export interface BusinessCalendar {
  readonly timezone: string;
  localDate(instant: Date): LocalDate;
  /** First instant of that local date. */
  startOfDay(date: LocalDate): Date;
  /** First instant of the next local date: a release is missed at or after it. */
  endOfDay(date: LocalDate): Date;
  /** A workday that is not a holiday. */
  isBusinessDay(date: LocalDate): boolean;
  /** Business days d with from < d <= to; mirrored (negative) when to < from. */
  businessDaysBetween(from: LocalDate, to: LocalDate): number;
  /** The n-th business day after (n > 0) or before (n < 0) a date; the date itself for n = 0. */
  addBusinessDays(date: LocalDate, n: number): LocalDate;
  /** Hours of business time in [from, to); 0 when to <= from. */
  businessHoursBetween(from: Date, to: Date): number;
}

const DEFAULT_WORKDAYS = [1, 2, 3, 4, 5];
const HOUR_MS = 3_600_000;

function instantMs(instant: Date, name: string): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new Error(`Invalid ${name}: expected a valid Date`);
  return ms;
}

function parseCoreHours(
  coreHours: CalendarOptions["coreHours"],
): { start: number; end: number } | undefined {
  if (!coreHours) return undefined;
  const start = parseClockTime(coreHours.start);
  const end = parseClockTime(coreHours.end);
  if (start === undefined || end === undefined || start >= end) {
    throw new Error(
      `Invalid core hours ${JSON.stringify(coreHours)}: expected "HH:MM" times with start before end, e.g. { start: "09:00", end: "17:00" }`,
    );
  }
  return { start, end };
}

/** The business calendar of a time zone, its workdays, holidays and core hours (default: UTC, Monday to Friday, whole days). */
export function createCalendar(options: Partial<CalendarOptions> = {}): BusinessCalendar {
  const timezone = options.timezone ?? "UTC";
  assertTimeZone(timezone);
  const days = businessDays(options.workdays ?? DEFAULT_WORKDAYS, options.holidays ?? []);
  const table = new DayTable({
    timezone,
    isBusinessDay: days.isBusinessDay,
    coreHours: parseCoreHours(options.coreHours),
  });

  return {
    timezone,
    localDate: (instant) => fromDayNumber(table.dayOf(instantMs(instant, "instant"))),
    startOfDay: (date) => new Date(table.startOf(toDayNumber(date))),
    endOfDay: (date) => new Date(table.startOf(toDayNumber(date) + 1)),
    isBusinessDay: (date) => days.isBusinessDay(toDayNumber(date)),
    businessDaysBetween(from, to) {
      const a = toDayNumber(from);
      const b = toDayNumber(to);
      return b >= a ? days.after(a, b) : -days.after(b, a);
    },
    addBusinessDays(date, n) {
      if (!Number.isInteger(n))
        throw new Error(`Invalid number of business days ${n}: expected a whole number`);
      const start = toDayNumber(date);
      if (n === 0) return date;
      return fromDayNumber(days.add(start, n));
    },
    businessHoursBetween(from, to) {
      const fromMs = instantMs(from, "start instant");
      const toMs = instantMs(to, "end instant");
      return table.businessMsBetween(fromMs, toMs) / HOUR_MS;
    },
  };
}
