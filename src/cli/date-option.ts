import type { Writable } from "node:stream";
import { TZDate } from "@date-fns/tz";
import { isLocalDate, wallClock } from "../time/index.js";
import { UsageError } from "./usage-error.js";

/** The team's time zone a date without offset is read in, and where it comes from. */
export interface OptionZone {
  timezone: string;
  /** For the note a person reads: "the default" or "timezone in team.yml". */
  source: string;
}

/** Where commands say which zone they used: stderr, so that stdout stays the report. */
export function noteOn(stderr: Writable): (line: string) => void {
  return (line) => {
    stderr.write(`expectations: ${line}\n`);
  };
}

const ISO =
  /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

const FORMS =
  "an ISO 8601 date or date-time such as 2019-07-01, 2019-07-01T09:00 (in the team's time zone) or 2019-07-01T09:00:00Z";

/** Minutes east of UTC of "Z", "+02", "+0200" or "+02:00"; undefined when out of range. */
function offsetMinutes(offset: string): number | undefined {
  if (offset.toUpperCase() === "Z") return 0;
  const sign = offset.startsWith("-") ? -1 : 1;
  const digits = offset.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || "0");
  if (hours > 23 || minutes > 59) return undefined;
  return sign * (hours * 60 + minutes);
}

/**
 * The one parser of every command's dates (`--since`, `--until`, `--now`): ISO 8601 only, and
 * calendar-valid (2019-02-30 and 25:00 are usage errors, never rolled over). A date alone is the
 * start of that day and a date-time without offset is a wall-clock time, both in the team's
 * time zone; `note` is told which zone was used for such a value.
 */
export function parseDateOption(
  value: string,
  option: string,
  zone: OptionZone,
  note: (line: string) => void,
): Date {
  const text = value.trim();
  const match = ISO.exec(text);
  const invalid = (why: string) => new UsageError(`${option}: "${value}" ${why}`);
  if (!match) throw invalid(`is not ${FORMS}`);
  const [, date = "", hh, mm, ss, fraction, offset] = match;
  if (!isLocalDate(date)) throw invalid(`is not a date on the calendar (${date})`);
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const hour = Number(hh ?? 0);
  const minute = Number(mm ?? 0);
  const second = Number(ss ?? 0);
  if (hour > 23 || minute > 59 || second > 59)
    throw invalid(`is not a time of day (${hh}:${mm}${ss === undefined ? "" : `:${ss}`})`);
  const ms = Math.floor(Number(`0.${fraction ?? "0"}`) * 1000);
  if (offset !== undefined) {
    const minutes = offsetMinutes(offset);
    if (minutes === undefined) throw invalid(`has an offset out of range (${offset})`);
    return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - minutes * 60_000);
  }
  const instant = new Date(
    new TZDate(year, month - 1, day, hour, minute, second, ms, zone.timezone).getTime(),
  );
  // A wall-clock time the clocks skip (spring forward) does not exist in the zone.
  const asWritten = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (hh !== undefined && wallClock(instant.getTime(), zone.timezone) !== asWritten)
    throw invalid(`does not exist in ${zone.timezone}: the clocks skip it`);
  const what = hh === undefined ? "the start of that day" : "that wall-clock time";
  note(
    `${option} ${text} is ${instant.toISOString()}: ${what} in ${zone.timezone} (${zone.source})`,
  );
  return instant;
}
