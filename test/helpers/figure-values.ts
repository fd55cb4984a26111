import type { Figure } from "../../src/metrics/index.js";

/** The values of an object's figures (`{ merged: { value: 5, unit: "count" } }` → `{ merged: 5 }`). */
export function figureValues(figures: object): Record<string, number | null> {
  const values: Record<string, number | null> = {};
  for (const [key, figure] of Object.entries(figures))
    if (figure !== null && typeof figure === "object" && "unit" in figure)
      values[key] = (figure as Figure).value;
  return values;
}
