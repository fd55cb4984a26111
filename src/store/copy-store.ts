import { canonicalJson } from "./canonical-json.js";
import type { Store } from "./store.js";
import { ACTIVITY_TABLES, TABLE_NAMES, type TableName } from "./stored-rows.js";

/** Rows written per transaction while copying. */
const CHUNK = 2_000;

export interface CopyOutcome {
  /** Rows copied, table by table. */
  copied: Record<TableName, number>;
  /** What the two stores return differently after the copy (empty when they agree). */
  differences: string[];
}

/** Refuses a target that holds anything: a copy never merges two installations' histories. */
async function requireEmpty(to: Store): Promise<void> {
  for (const table of TABLE_NAMES) {
    const found = (await to.readTable(table)).length;
    if (found > 0)
      throw new Error(
        `the target store already has ${found} row(s) in ${table}: copy into an empty database`,
      );
  }
}

function compare(name: string, from: readonly string[], to: readonly string[]): string[] {
  const a = [...from].sort();
  const b = [...to].sort();
  const missing = a.filter((row, i) => row !== b[i]).length;
  if (a.length === b.length && missing === 0) return [];
  return [
    `${name}: ${a.length} row(s) in the source, ${b.length} in the target, ${missing} differ`,
  ];
}

/**
 * Copies every table of one store into another, empty one (SQLite into PostgreSQL and back):
 * activity, delivery log, failed deliveries, publications, jobs, cursors, kept settings, the
 * publish queue and dashboard sessions. Then checks the copy through the store interfaces: the
 * activity dump, the delivery log and every other table must read the same from both.
 */
export async function copyStore(from: Store, to: Store): Promise<CopyOutcome> {
  await requireEmpty(to);
  const copied = {} as Record<TableName, number>;
  for (const table of TABLE_NAMES) {
    const rows = await from.readTable(table);
    for (let i = 0; i < rows.length; i += CHUNK)
      await to.writeRows(table, rows.slice(i, i + CHUNK));
    copied[table] = rows.length;
  }
  const differences: string[] = [];
  const [activityFrom, activityTo] = await Promise.all([from.dumpActivity(), to.dumpActivity()]);
  for (const table of ACTIVITY_TABLES)
    differences.push(...compare(table, activityFrom[table], activityTo[table]));
  const [logFrom, logTo] = await Promise.all([from.dumpDeliveryLog(), to.dumpDeliveryLog()]);
  for (const part of ["deliveries", "failedDeliveries"] as const)
    differences.push(
      ...compare(part, logFrom[part].map(canonicalJson), logTo[part].map(canonicalJson)),
    );
  const rest = TABLE_NAMES.filter(
    (table) =>
      !(ACTIVITY_TABLES as readonly string[]).includes(table) &&
      table !== "deliveries" &&
      table !== "failed_deliveries",
  );
  for (const table of rest) {
    const [a, b] = await Promise.all([from.readTable(table), to.readTable(table)]);
    differences.push(...compare(table, a.map(canonicalJson), b.map(canonicalJson)));
  }
  return { copied, differences };
}
