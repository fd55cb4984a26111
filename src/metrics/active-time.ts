import type { Millis } from "../store/index.js";
import type { BusinessCalendar } from "../time/index.js";
import type { Interval } from "./draft-periods.js";

/** A duration in hours: business time (workdays, core hours, no holidays) and wall-clock time. */
export interface Hours {
  business: number;
  wall: number;
}

const HOUR_MS = 3_600_000;

/** Time from `from` to `to` that did not fall in any of `paused` (draft periods). */
export function activeTime(
  calendar: BusinessCalendar,
  from: Millis,
  to: Millis,
  paused: readonly Interval[] = [],
): Hours {
  if (to <= from) return { business: 0, wall: 0 };
  let business = calendar.businessHoursBetween(new Date(from), new Date(to));
  let wallMs = to - from;
  for (const interval of paused) {
    const start = Math.max(from, interval.from);
    const end = Math.min(to, interval.to);
    if (end <= start) continue;
    business -= calendar.businessHoursBetween(new Date(start), new Date(end));
    wallMs -= end - start;
  }
  return { business: Math.max(0, business), wall: wallMs / HOUR_MS };
}
