import type { ActivityDump, ActivityTable } from "./rows.js";
import { ACTIVITY_TABLES } from "./stored-rows.js";

/** JSON with every object's keys sorted: the same row gives the same text on every backend. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : inner,
  );
}

/** A backend's activity rows as a dump (see ActivityDump). */
export function activityDump(rowsOf: (table: ActivityTable) => readonly object[]): ActivityDump {
  const dump = {} as ActivityDump;
  for (const table of ACTIVITY_TABLES) {
    dump[table] = rowsOf(table)
      .map((row) => {
        if (table !== "installations") return row;
        // When the installation event arrived, not an event time.
        const { updatedAt: _arrived, ...rest } = row as { updatedAt: number };
        return rest;
      })
      .map(canonicalJson)
      .sort();
  }
  return dump;
}
