import { type BusinessCalendar, createCalendar } from "../time/index.js";
import type { ExpectationsConfig } from "./schema.js";

export function calendarFromConfig(
  config: Pick<ExpectationsConfig, "timezone" | "workdays" | "holidays" | "core_hours">,
): BusinessCalendar {
  return createCalendar({
    timezone: config.timezone,
    workdays: config.workdays,
    holidays: config.holidays.dates,
    coreHours: config.core_hours,
  });
}
