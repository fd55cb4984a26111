import type { Millis } from "../store/index.js";
import type { BusinessCalendar } from "../time/index.js";
import type { Period } from "./period.js";

/** What every metric is evaluated against: the period, the instant, the calendar and who is a bot. */
export interface MeasureContext {
  period: Period;
  /** The evaluation instant; work "pending now" is judged at `asOf(context)`. */
  now: Millis;
  calendar: BusinessCalendar;
  /** Logins listed as bots in config, beside type Bot and `[bot]` logins. */
  bots: readonly string[];
}

/** Pending work is judged at the end of the period, or now if the period has not ended. */
export function asOf(context: Pick<MeasureContext, "period" | "now">): Millis {
  return Math.min(context.now, context.period.until);
}
