import { cronSchedule } from "./cron-schedule.js";

/** The first run of a 5-field cron schedule strictly after `after`, in the time zone's wall clock. */
export function nextCronRun(expression: string, after: Date, timezone: string): Date {
  const next = cronSchedule(expression, timezone).nextRun(after);
  if (!next) throw new Error(`Cron ${JSON.stringify(expression)} never runs`);
  return next;
}
