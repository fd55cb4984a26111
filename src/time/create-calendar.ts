import { assertTimeZone } from "./assert-time-zone.js";
import { DayTable } from "./day-table.js";
import { fromDayNumber, type LocalDate, toDayNumber, weekdayOf } from "./local-date.js";
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

export function createCalendar(options: Partial<CalendarOptions> = {}): BusinessCalendar {
  const timezone = options.timezone ?? "UTC";
  assertTimeZone(timezone);

  const isWorkday = [false, false, false, false, false, false, false];
  for (const day of options.workdays ?? DEFAULT_WORKDAYS) {
    if (!Number.isInteger(day) || day < 0 || day > 6) {
      throw new Error(
        `Invalid workday ${JSON.stringify(day)}: expected 0 (Sunday) to 6 (Saturday)`,
      );
    }
    isWorkday[day] = true;
  }
  const workdaysPerWeek = isWorkday.filter(Boolean).length;
  if (workdaysPerWeek === 0) throw new Error("A business calendar needs at least one workday");

  const holidays = new Set((options.holidays ?? []).map(toDayNumber));
  const isBusinessDayNumber = (day: number): boolean =>
    isWorkday[weekdayOf(day)] === true && !holidays.has(day);
  // Only holidays on workdays change counts; sorted so a count over any range is two binary searches.
  const workdayHolidays = Float64Array.from(
    [...holidays].filter((day) => isWorkday[weekdayOf(day)]),
  ).sort();

  // workdaysUpTo[r]: workdays among days 7q..7q+r; day 7q is always a Thursday (weekday 4).
  const workdaysUpTo: number[] = [];
  for (let r = 0, sum = 0; r < 7; r++) {
    sum += isWorkday[(4 + r) % 7] ? 1 : 0;
    workdaysUpTo.push(sum);
  }

  const holidaysUpTo = (day: number): number => {
    let low = 0;
    let high = workdayHolidays.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((workdayHolidays[mid] as number) <= day) low = mid + 1;
      else high = mid;
    }
    return low;
  };
  /** Business days up to and including `day`, relative to an arbitrary fixed origin. */
  const businessDaysUpTo = (day: number): number => {
    const weeks = Math.floor(day / 7);
    return weeks * workdaysPerWeek + (workdaysUpTo[day - weeks * 7] as number) - holidaysUpTo(day);
  };
  const businessDaysAfterUpTo = (from: number, to: number): number =>
    businessDaysUpTo(to) - businessDaysUpTo(from);

  const table = new DayTable({
    timezone,
    isBusinessDay: isBusinessDayNumber,
    coreHours: parseCoreHours(options.coreHours),
  });

  return {
    timezone,
    localDate: (instant) => fromDayNumber(table.dayOf(instantMs(instant, "instant"))),
    startOfDay: (date) => new Date(table.startOf(toDayNumber(date))),
    endOfDay: (date) => new Date(table.startOf(toDayNumber(date) + 1)),
    isBusinessDay: (date) => isBusinessDayNumber(toDayNumber(date)),
    businessDaysBetween(from, to) {
      const a = toDayNumber(from);
      const b = toDayNumber(to);
      return b >= a ? businessDaysAfterUpTo(a, b) : -businessDaysAfterUpTo(b, a);
    },
    addBusinessDays(date, n) {
      if (!Number.isInteger(n))
        throw new Error(`Invalid number of business days ${n}: expected a whole number`);
      const start = toDayNumber(date);
      if (n === 0) return date;
      const wanted = Math.abs(n);
      // Any 7 consecutive days hold every workday once, so this many weeks always suffice.
      const reach = 7 * (Math.ceil((wanted + workdayHolidays.length) / workdaysPerWeek) + 1);
      if (n > 0) {
        // Smallest d with `wanted` business days in (start, d].
        let low = start + 1;
        let high = start + reach;
        while (low < high) {
          const mid = Math.floor((low + high) / 2);
          if (businessDaysAfterUpTo(start, mid) >= wanted) high = mid;
          else low = mid + 1;
        }
        return fromDayNumber(low);
      }
      // Largest d with `wanted` business days in [d, start).
      let low = start - reach;
      let high = start - 1;
      while (low < high) {
        const mid = Math.ceil((low + high) / 2);
        if (businessDaysAfterUpTo(mid - 1, start - 1) >= wanted) low = mid;
        else high = mid - 1;
      }
      return fromDayNumber(low);
    },
    businessHoursBetween(from, to) {
      const fromMs = instantMs(from, "start instant");
      const toMs = instantMs(to, "end instant");
      return table.businessMsBetween(fromMs, toMs) / HOUR_MS;
    },
  };
}
