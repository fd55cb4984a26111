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
export function cronSchedule(expression: string, timezone: string): Cron {
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
