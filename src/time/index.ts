export { assertTimeZone, isValidTimeZone } from "./assert-time-zone.js";
export { type BusinessCalendar, type CalendarOptions, createCalendar } from "./create-calendar.js";
export { isLocalDate, type LocalDate } from "./local-date.js";
export { nextCronRun } from "./next-cron-run.js";
export { type CronResult, normalizeCron } from "./normalize-cron.js";
export { parseClockTime } from "./parse-clock-time.js";
export { previousCronRun } from "./previous-cron-run.js";
export { releaseDateFromDueOn } from "./release-date-from-due-on.js";
