import { TZDate, tzOffset } from "@date-fns/tz";

interface CronSpec {
  minutes: number[];
  hours: number[];
  daysOfMonth: Set<number>;
  months: Set<number>;
  daysOfWeek: Set<number>;
  /** Day of month and day of week both restricted: either may match, as in cron. */
  eitherDay: boolean;
}

const RANGES: readonly [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];

function expand(field: string, [min, max]: [number, number], name: string): number[] {
  const values = new Set<number>();
  for (const item of field.split(",")) {
    const [range = "", stepText] = item.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    let from = min;
    let to = max;
    if (range !== "*") {
      const [a = "", b] = range.split("-");
      from = Number(a);
      to = b === undefined ? (stepText === undefined ? from : max) : Number(b);
    }
    if (
      ![from, to, step].every(Number.isInteger) ||
      from < min ||
      to > max ||
      from > to ||
      step < 1
    )
      throw new Error(`Invalid cron ${name} field ${JSON.stringify(field)}`);
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return [...values].sort((a, b) => a - b);
}

const cache = new Map<string, CronSpec>();

/** Parses a 5-field cron expression of numbers (see normalizeCron for names). */
function parseCron(expression: string): CronSpec {
  const cached = cache.get(expression);
  if (cached) return cached;
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5)
    throw new Error(`Invalid cron ${JSON.stringify(expression)}: expected 5 fields`);
  const [minute, hour, dom, month, dow] = fields.map((field, i) =>
    expand(
      field,
      RANGES[i] as [number, number],
      ["minute", "hour", "day of month", "month", "day of week"][i] as string,
    ),
  ) as [number[], number[], number[], number[], number[]];
  const spec: CronSpec = {
    minutes: minute,
    hours: hour,
    daysOfMonth: new Set(dom),
    months: new Set(month),
    daysOfWeek: new Set(dow.map((d) => d % 7)),
    eitherDay: !(fields[2] as string).startsWith("*") && !(fields[4] as string).startsWith("*"),
  };
  cache.set(expression, spec);
  return spec;
}

function dayMatches(spec: CronSpec, year: number, month: number, day: number): boolean {
  if (!spec.months.has(month)) return false;
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  const dom = spec.daysOfMonth.has(day);
  const dow = spec.daysOfWeek.has(weekday);
  return spec.eitherDay ? dom || dow : dom && dow;
}

/**
 * The instants a day's matching wall-clock times happen in the zone, ascending. A time the
 * clocks skip (spring forward) runs at the first instant after the gap; a time that happens
 * twice (fall back) runs once, the first time.
 */
function runsOnDay(
  spec: CronSpec,
  timezone: string,
  year: number,
  month: number,
  day: number,
): number[] {
  const runs: number[] = [];
  for (const hour of spec.hours) {
    for (const minute of spec.minutes) {
      const at = wallClockInstant(timezone, year, month, day, hour, minute);
      if (runs.length === 0 || at > (runs[runs.length - 1] as number)) runs.push(at);
    }
  }
  return runs;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** When a wall-clock time happens: after a gap if skipped, the first time if it happens twice. */
function wallClockInstant(
  timezone: string,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
): number {
  // TZDate moves a skipped time past the gap, and picks the later of a repeated one.
  const resolved = new TZDate(year, month - 1, day, hour, minute, 0, timezone).getTime();
  const offsetBefore = tzOffset(timezone, new Date(resolved - 12 * HOUR_MS));
  const earlier = Date.UTC(year, month - 1, day, hour, minute) - offsetBefore * 60_000;
  return earlier < resolved && tzOffset(timezone, new Date(earlier)) === offsetBefore
    ? earlier
    : resolved;
}
// A schedule that matches nothing for this long (e.g. "0 0 30 2 *") never runs.
const HORIZON_DAYS = 366 * 8;

function localDay(instant: number, timezone: string): number {
  const local = new TZDate(instant, timezone);
  return Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()) / DAY_MS;
}

function search(
  expression: string,
  timezone: string,
  from: Date,
  direction: 1 | -1,
  accept: (at: number) => boolean,
): Date {
  const spec = parseCron(expression);
  const start = localDay(from.getTime(), timezone);
  // One day of slack either side: a local day's runs can fall on the neighbouring UTC date.
  for (let offset = -1; offset <= HORIZON_DAYS; offset++) {
    const date = new Date((start + direction * offset) * DAY_MS);
    const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    if (!dayMatches(spec, y, m, d)) continue;
    const runs = runsOnDay(spec, timezone, y, m, d);
    if (direction === -1) runs.reverse();
    const found = runs.find(accept);
    if (found !== undefined) return new Date(found);
  }
  throw new Error(`Cron ${JSON.stringify(expression)} never runs`);
}

/** The first run of a 5-field cron schedule strictly after `after`, in the time zone's wall clock. */
export function nextCronRun(expression: string, after: Date, timezone: string): Date {
  return search(expression, timezone, after, 1, (at) => at > after.getTime());
}

/** The latest run at or before `atOrBefore`. */
export function previousCronRun(expression: string, atOrBefore: Date, timezone: string): Date {
  return search(expression, timezone, atOrBefore, -1, (at) => at <= atOrBefore.getTime());
}
