import type { MeasureTrend } from "./report-trends.js";

/** A trend value as a person reads it: a share in percent, hours with one decimal, a count. */
export function formatTrendValue(value: number | null, unit: MeasureTrend["unit"]): string {
  if (value === null) return "–";
  if (unit === "share") return `${Math.round(value * 100)}%`;
  if (unit === "hours") return `${value >= 100 ? Math.round(value) : value.toFixed(1)} h`;
  return String(value);
}
