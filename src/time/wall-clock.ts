import { tzOffset } from "@date-fns/tz";

/** What a wall clock in the zone reads at the instant, as milliseconds of that reading in UTC. */
export function wallClock(instant: number, timezone: string): number {
  return instant + tzOffset(timezone, new Date(instant)) * 60_000;
}
