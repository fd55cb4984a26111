import { cronSchedule } from "./cron-schedule.js";

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
