import { DAY_MS, fromDayNumber, type LocalDate } from "./local-date.js";
import { localDateOf } from "./local-date-of.js";

// GitHub stores a milestone's due date as midnight Pacific time expressed in UTC.
const GITHUB_DUE_ON_ZONE = "America/Los_Angeles";

/** The calendar date a milestone is due, from its `due_on` ("2019-10-04T07:00:00Z" -> "2019-10-04"). */
export function releaseDateFromDueOn(dueOn: string | Date): LocalDate {
  const instant = dueOn instanceof Date ? dueOn : new Date(dueOn);
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new Error(`Invalid milestone due date ${JSON.stringify(dueOn)}`);
  if (ms % DAY_MS === 0) return fromDayNumber(ms / DAY_MS);
  return localDateOf(ms, GITHUB_DUE_ON_ZONE);
}
