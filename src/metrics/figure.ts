/**
 * What a figure counts in: a share from 0 to 1, a count, business hours (workdays and core
 * hours of the team's calendar), wall-clock hours, business days, or a calendar date.
 */
export type Unit = "ratio" | "count" | "business_hours" | "hours" | "days" | "date";

/**
 * One measure's value in one period with its unit, computed once and shown everywhere from it:
 * a number, or not measured and why (never a 0 standing in for "nothing to measure").
 */
export type Figure =
  | { value: number; unit: Unit; not_measured?: undefined }
  | { value: null; unit: Unit; not_measured: string };

/** Shares to three decimals, hours to two: enough to check by hand, no float noise. */
function rounded(value: number, unit: Unit): number {
  const scale = unit === "ratio" ? 1000 : unit === "business_hours" || unit === "hours" ? 100 : 1;
  return scale === 1 ? value : Math.round(value * scale) / scale;
}

/** A measured figure, rounded as every output shows it (verdicts are decided on this value). */
export function measured(value: number, unit: Unit): Figure {
  return { value: rounded(value, unit), unit };
}

/** A figure with nothing to measure in the period, and why. */
export function notMeasured(unit: Unit, reason: string): Figure {
  return { value: null, unit, not_measured: reason };
}

/** `value` measured, or not measured for `reason` when it is null. */
export function figureOf(value: number | null, unit: Unit, reason: string): Figure {
  return value === null ? notMeasured(unit, reason) : measured(value, unit);
}
