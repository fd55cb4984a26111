import { DAY_MS, fromDayNumber, type LocalDate } from "./local-date.js";
import { wallClock } from "./wall-clock.js";

/** The date a wall clock in the zone shows at the instant: "2026-11-27". */
export function localDateOf(instant: number, timezone: string): LocalDate {
  return fromDayNumber(Math.floor(wallClock(instant, timezone) / DAY_MS));
}
