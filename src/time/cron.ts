import { Cron } from "croner";

const schedules = new Map<string, Cron>();
// Config files name few distinct schedules; the cap only guards a long-running server.
const MAX_CACHED = 1_000;

/**
 * A 5-field cron expression in the zone's wall clock, read the way Vixie cron reads it: day of
 * month and day of week both restricted (neither field starts with `*`) match either; otherwise
 * both must match. A time the clocks skip runs right after the gap, one they repeat runs once,
 * unless the hour or minute field is a wildcard or a step.
 */
function cronSchedule(expression: string, timezone: string): Cron {
  const key = `${timezone} ${expression}`;
  let schedule = schedules.get(key);
  if (!schedule) {
    const [, , dayOfMonth = "", , dayOfWeek = ""] = expression.trim().split(/\s+/);
    schedule = new Cron(expression, {
      mode: "5-part",
      timezone,
      domAndDow: dayOfMonth.startsWith("*") || dayOfWeek.startsWith("*"),
      fixedTimeRule: "no-wildcard",
    });
    if (schedules.size >= MAX_CACHED) schedules.clear();
    schedules.set(key, schedule);
  }
  return schedule;
}

/** The first run of a 5-field cron schedule strictly after `after`, in the time zone's wall clock. */
export function nextCronRun(expression: string, after: Date, timezone: string): Date {
  const next = cronSchedule(expression, timezone).nextRun(after);
  if (!next) throw new Error(`Cron ${JSON.stringify(expression)} never runs`);
  return next;
}

/** The latest run of a 5-field cron schedule at or before `atOrBefore`, in the zone's wall clock. */
export function previousCronRun(expression: string, atOrBefore: Date, timezone: string): Date {
  // croner looks strictly before its reference; a millisecond later makes `atOrBefore` count.
  const [previous] = cronSchedule(expression, timezone).previousRuns(
    1,
    new Date(atOrBefore.getTime() + 1),
  );
  if (!previous) throw new Error(`Cron ${JSON.stringify(expression)} never runs`);
  return previous;
}

interface CronField {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const FIELDS: readonly CronField[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  {
    name: "month",
    min: 1,
    max: 12,
    names: ["", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
  },
  // 7 is Sunday too, as in most cron implementations.
  { name: "day of week", min: 0, max: 7, names: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] },
];

export type CronResult = { ok: true; cron: string } | { ok: false; problem: string };

function fieldValue(text: string, field: CronField): number | string {
  const byName = text === "" ? -1 : (field.names?.indexOf(text.toLowerCase()) ?? -1);
  if (byName >= 0) return byName;
  if (!/^\d+$/.test(text)) return `${field.name} ${JSON.stringify(text)} is not a number`;
  const value = Number(text);
  if (value < field.min || value > field.max) {
    return `${field.name} ${value} is out of range ${field.min}-${field.max}`;
  }
  return value;
}

function normalizeField(text: string, field: CronField): string | { problem: string } {
  const items: string[] = [];
  for (const item of text.split(",")) {
    const [range = "", step, ...extra] = item.split("/");
    if (extra.length > 0 || range === "")
      return { problem: `${field.name} ${JSON.stringify(item)} is not valid` };
    let normalized: string;
    if (range === "*") {
      normalized = "*";
    } else {
      const bounds = range.split("-");
      if (bounds.length > 2)
        return { problem: `${field.name} ${JSON.stringify(item)} is not valid` };
      const values: number[] = [];
      for (const bound of bounds) {
        const value = fieldValue(bound, field);
        if (typeof value === "string") return { problem: value };
        values.push(value);
      }
      const [low = 0, high = low] = values;
      if (low > high) {
        return { problem: `${field.name} range ${JSON.stringify(range)} runs backwards` };
      }
      // "5/15" steps from 5 to the end of the field, as in Vixie cron.
      normalized =
        step !== undefined && values.length === 1 ? `${low}-${field.max}` : values.join("-");
    }
    if (step !== undefined) {
      if (!/^\d+$/.test(step) || Number(step) < 1) {
        return {
          problem: `${field.name} step ${JSON.stringify(step)} must be a whole number of at least 1`,
        };
      }
      if (Number(step) > field.max) {
        return {
          problem: `${field.name} step ${Number(step)} is larger than the field (${field.min}-${field.max})`,
        };
      }
      normalized += `/${Number(step)}`;
    }
    items.push(normalized);
  }
  return items.join(",");
}

// Any schedule that runs at all runs within 28 years, when the calendar repeats.
const SEARCH_FROM = new Date(Date.UTC(2000, 0, 1));

/**
 * Validates a 5-field cron expression and returns it with month and weekday names as numbers,
 * each problem said in the words of the field at fault, and a schedule that never runs refused.
 */
export function normalizeCron(expression: string): CronResult {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== FIELDS.length || parts[0] === "") {
    return {
      ok: false,
      problem: `expected 5 fields "minute hour day-of-month month day-of-week" such as "0 9 * * 1", got ${JSON.stringify(expression)}`,
    };
  }
  const normalized: string[] = [];
  for (const [index, field] of FIELDS.entries()) {
    const result = normalizeField(parts[index] ?? "", field);
    if (typeof result !== "string") return { ok: false, problem: result.problem };
    normalized.push(result);
  }
  const cron = normalized.join(" ");
  let first: Date | null;
  try {
    first = cronSchedule(cron, "UTC").nextRun(SEARCH_FROM);
  } catch (error) {
    // What the checks above let through but croner still refuses, in croner's words.
    return { ok: false, problem: (error as Error).message.replace(/^CronPattern: /, "") };
  }
  if (first === null)
    return { ok: false, problem: `${JSON.stringify(expression)} never runs: no date matches it` };
  return { ok: true, cron };
}
