import { type LocalDate, toDayNumber, weekdayOf } from "./local-date.js";

/** Business days on day numbers: workdays of the week that are not holidays. */
export interface BusinessDays {
  readonly isBusinessDay: (day: number) => boolean;
  /** Business days d with from < d <= to (to >= from). */
  readonly after: (from: number, to: number) => number;
  /** The n-th business day after (n > 0) or before (n < 0) a day; n is a whole number, not 0. */
  readonly add: (day: number, n: number) => number;
}

/** Which weekdays (0 = Sunday .. 6 = Saturday) are workdays; at least one must be. */
function workdayFlags(workdays: readonly number[]): boolean[] {
  const isWorkday = [false, false, false, false, false, false, false];
  for (const day of workdays) {
    if (!Number.isInteger(day) || day < 0 || day > 6) {
      throw new Error(
        `Invalid workday ${JSON.stringify(day)}: expected 0 (Sunday) to 6 (Saturday)`,
      );
    }
    isWorkday[day] = true;
  }
  if (!isWorkday.includes(true)) throw new Error("A business calendar needs at least one workday");
  return isWorkday;
}

/** How many of the sorted days are at or before `day` (a binary search). */
function countUpTo(sorted: Float64Array, day: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) <= day) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The n-th business day after (n > 0) or before (n < 0) `start`, searched within `reach` days
 * of it, `after` counting the business days between two days.
 */
function nthBusinessDay(
  after: BusinessDays["after"],
  start: number,
  n: number,
  reach: number,
): number {
  const wanted = Math.abs(n);
  if (n > 0) {
    // Smallest d with `wanted` business days in (start, d].
    let low = start + 1;
    let high = start + reach;
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (after(start, mid) >= wanted) high = mid;
      else low = mid + 1;
    }
    return low;
  }
  // Largest d with `wanted` business days in [d, start).
  let low = start - reach;
  let high = start - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (after(mid - 1, start - 1) >= wanted) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Business days of these workdays and holidays, counted without walking the days: whole weeks,
 * the rest of a week, less the holidays on workdays (a binary search).
 */
export function businessDays(
  workdays: readonly number[],
  holidayDates: readonly LocalDate[],
): BusinessDays {
  const isWorkday = workdayFlags(workdays);
  const workdaysPerWeek = isWorkday.filter(Boolean).length;
  const holidays = new Set(holidayDates.map(toDayNumber));
  const isBusinessDay = (day: number): boolean =>
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
  /** Business days up to and including `day`, relative to an arbitrary fixed origin. */
  const businessDaysUpTo = (day: number): number => {
    const weeks = Math.floor(day / 7);
    return (
      weeks * workdaysPerWeek +
      (workdaysUpTo[day - weeks * 7] as number) -
      countUpTo(workdayHolidays, day)
    );
  };
  const after = (from: number, to: number): number => businessDaysUpTo(to) - businessDaysUpTo(from);

  return {
    isBusinessDay,
    after,
    add(day, n) {
      // Any 7 consecutive days hold every workday once, so this many weeks always suffice.
      const reach = 7 * (Math.ceil((Math.abs(n) + workdayHolidays.length) / workdaysPerWeek) + 1);
      return nthBusinessDay(after, day, n, reach);
    },
  };
}
