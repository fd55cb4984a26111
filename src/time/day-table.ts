import { TZDate, tzOffset } from "@date-fns/tz";
import { civilFromDayNumber, DAY_MS } from "./local-date.js";
import { wallClock } from "./wall-clock.js";

export interface DayTableRules {
  timezone: string;
  isBusinessDay(dayNumber: number): boolean;
  /** Minutes after local midnight; absent means the whole local day. */
  coreHours?: { start: number; end: number } | undefined;
}

// ~410 years: far beyond any GitHub history, small enough (a few MB) to never be a memory problem.
const MAX_SPAN_DAYS = 150_000;
const MARGIN_DAYS = 64;

/** Reads a typed array at an index that ensure() has made valid. */
const read = (array: Float64Array, index: number): number => array[index] as number;

/**
 * Per local day, computed once: the instant it starts, its business window and the business
 * milliseconds of all earlier days in the table, so business time between two instants is O(1).
 */
export class DayTable {
  private first = 0;
  private count = 0;
  /** starts[i]: first instant of day first+i; length count+1. */
  private starts = new Float64Array(0);
  /** opens[i], closes[i]: the business window of day first+i, empty on other days. */
  private opens = new Float64Array(0);
  private closes = new Float64Array(0);
  /** before[i]: business ms of days first..first+i-1; length count+1. */
  private before = new Float64Array(0);
  /** offsets[j]: UTC offset in ms at the UTC midnight of day first-1+j; length count+4. */
  private offsets = new Float64Array(0);

  constructor(private readonly rules: DayTableRules) {}

  /** Local day number of an instant. */
  dayOf(ms: number): number {
    if (!(this.count > 0 && ms >= read(this.starts, 0) && ms < read(this.starts, this.count))) {
      const guess = Math.floor(wallClock(ms, this.rules.timezone) / DAY_MS);
      this.ensure(guess - 1, guess + 1);
    }
    return this.first + this.indexOf(ms);
  }

  /** First instant of a local day. */
  startOf(dayNumber: number): number {
    this.ensure(dayNumber, dayNumber);
    return read(this.starts, dayNumber - this.first);
  }

  /** Business milliseconds in [from, to); both instants must be finite. */
  businessMsBetween(from: number, to: number): number {
    if (to <= from) return 0;
    const fromDay = this.dayOf(from);
    const toDay = this.dayOf(to);
    this.ensure(fromDay, toDay);
    return (
      this.businessMsBefore(to, toDay - this.first) -
      this.businessMsBefore(from, fromDay - this.first)
    );
  }

  private businessMsBefore(ms: number, index: number): number {
    const open = read(this.opens, index);
    const before = read(this.before, index);
    if (ms <= open) return before;
    return before + Math.min(ms - open, read(this.closes, index) - open);
  }

  private indexOf(ms: number): number {
    const starts = this.starts;
    let index = Math.floor((ms - read(starts, 0)) / DAY_MS);
    if (index >= this.count) index = this.count - 1;
    if (index < 0) index = 0;
    while (read(starts, index) > ms) index--;
    while (read(starts, index + 1) <= ms) index++;
    return index;
  }

  /** Makes days from..to (inclusive) available, growing geometrically so sweeps stay amortised O(1). */
  private ensure(from: number, to: number): void {
    const last = this.first + this.count - 1;
    if (this.count > 0 && from >= this.first && to <= last) return;
    if (to - from + 1 > MAX_SPAN_DAYS) {
      throw new RangeError(
        `Business time spans more than ${MAX_SPAN_DAYS} days; check the dates passed in`,
      );
    }
    let newFirst = from - MARGIN_DAYS;
    let newLast = to + MARGIN_DAYS;
    if (this.count > 0) {
      const grownFirst =
        from < this.first ? Math.min(newFirst, this.first - this.count) : this.first;
      const grownLast = to > last ? Math.max(newLast, last + this.count) : last;
      // A jump too far to span from the cached days starts over around the requested ones.
      if (grownLast - grownFirst + 1 <= MAX_SPAN_DAYS) {
        newFirst = grownFirst;
        newLast = grownLast;
      }
    }
    this.rebuild(newFirst, newLast - newFirst + 1);
  }

  private rebuild(first: number, count: number): void {
    const oldFirst = this.first;
    const oldCount = this.count;
    const reuse = (day: number, lastDay: number) =>
      oldCount > 0 && day >= oldFirst && day <= lastDay;

    const offsets = new Float64Array(count + 4);
    for (let j = 0; j < offsets.length; j++) {
      const day = first - 1 + j;
      offsets[j] = reuse(day + 1, oldFirst + oldCount + 3)
        ? read(this.offsets, day + 1 - oldFirst)
        : tzOffset(this.rules.timezone, new Date(day * DAY_MS)) * 60_000;
    }
    this.offsets = offsets;

    const starts = new Float64Array(count + 1);
    for (let i = 0; i <= count; i++) {
      const day = first + i;
      starts[i] = reuse(day, oldFirst + oldCount)
        ? read(this.starts, day - oldFirst)
        : this.wallTimeToInstant(first, i, 0);
    }

    const opens = new Float64Array(count);
    const closes = new Float64Array(count);
    const before = new Float64Array(count + 1);
    const core = this.rules.coreHours;
    for (let i = 0; i < count; i++) {
      const day = first + i;
      const start = read(starts, i);
      const end = read(starts, i + 1);
      let open = start;
      let close = start;
      if (reuse(day, oldFirst + oldCount - 1)) {
        open = read(this.opens, day - oldFirst);
        close = read(this.closes, day - oldFirst);
      } else if (this.rules.isBusinessDay(day)) {
        open = core ? clamp(this.wallTimeToInstant(first, i, core.start), start, end) : start;
        close = core ? clamp(this.wallTimeToInstant(first, i, core.end), open, end) : end;
      }
      opens[i] = open;
      closes[i] = close;
      before[i + 1] = read(before, i) + (close - open);
    }

    this.first = first;
    this.count = count;
    this.starts = starts;
    this.opens = opens;
    this.closes = closes;
    this.before = before;
  }

  /** The instant a local wall-clock time happens: minutes after midnight of day first+i (offsets must be set). */
  private wallTimeToInstant(first: number, i: number, minutes: number): number {
    const wall = (first + i) * DAY_MS + minutes * 60_000;
    const offset = read(this.offsets, i);
    // Same offset a day before and two days after: no transition can touch this day's wall times.
    if (offset === read(this.offsets, i + 3)) return wall - offset;
    const { year, month, day } = civilFromDayNumber(first + i);
    // TZDate resolves a wall time inside a DST gap forward, e.g. a skipped midnight to the day's first instant.
    return new TZDate(
      year,
      month - 1,
      day,
      Math.floor(minutes / 60),
      minutes % 60,
      0,
      this.rules.timezone,
    ).getTime();
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
