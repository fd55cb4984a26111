import { DAY_MS, fromDayNumber } from "./local-date.js";
import { wallClock } from "./wall-clock.js";

const MINUTE_MS = 60_000;

/** What a wall clock in the zone shows at the instant, to the minute: "2026-11-27 09:05". */
export function localDateTime(instant: number, timezone: string): string {
  const wall = wallClock(instant, timezone);
  const day = Math.floor(wall / DAY_MS);
  const minutes = Math.floor((wall - day * DAY_MS) / MINUTE_MS);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${fromDayNumber(day)} ${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}
