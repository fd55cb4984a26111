import type { Figure, Unit } from "../metrics/index.js";

/**
 * A value as a person reads it, the same in the report and on the dashboard: a ratio in
 * percent, hours with one decimal (whole from 100 on), counts and days whole; "–" for none.
 */
export function formatValue(value: number | null, unit: Unit): string {
  if (value === null) return "–";
  switch (unit) {
    case "ratio":
      return `${Math.round(value * 100)}%`;
    case "business_hours":
    case "hours":
      return `${value >= 100 ? Math.round(value) : value.toFixed(1)} h`;
    case "count":
    case "days":
      return String(Math.round(value));
    case "date":
      return String(value);
  }
}

/** A figure as a person reads it (see `formatValue`). */
export function formatFigure(figure: Figure): string {
  return formatValue(figure.value, figure.unit);
}
