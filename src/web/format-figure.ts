/** A figure as the dashboard writes it: counts whole, hours to one decimal, shares in percent. */
export function formatFigure(value: number | null, unit: "count" | "hours" | "share"): string {
  if (value === null) return "–";
  switch (unit) {
    case "count":
      return String(Math.round(value));
    case "hours":
      return `${value >= 100 ? Math.round(value).toLocaleString("en-US") : value.toFixed(1)} h`;
    case "share":
      return `${Math.round(value * 100)}%`;
  }
}
