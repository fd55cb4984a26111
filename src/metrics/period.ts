import type { Millis } from "../store/index.js";

/** A half-open period [since, until). */
export interface Period {
  since: Millis;
  until: Millis;
}

export function inPeriod(at: Millis | null, period: Period): at is Millis {
  return at !== null && at >= period.since && at < period.until;
}
