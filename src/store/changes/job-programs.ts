import { releaseLease as freeLease, scheduleJob, takeLease } from "../jobs/index.js";
import type { Millis } from "../records.js";
import type { JobScope } from "../rows.js";
import { getRow, mergeRow, putRow, type RowProgram } from "./row-operations.js";

export function* acquireLease(
  name: string,
  owner: string,
  now: Millis,
  ttlMs: number,
): RowProgram<boolean> {
  const next = takeLease(yield* getRow("jobs", { name }), name, owner, now, ttlMs);
  if (!next) return false;
  yield* putRow("jobs", next);
  return true;
}

export function* releaseLease(name: string, owner: string): RowProgram<void> {
  yield* mergeRow("jobs", { name }, (stored) => freeLease(stored, owner));
}

export function* setNextRun(
  name: string,
  nextRunAt: Millis,
  lastRunAt: Millis | null,
  scope: JobScope | undefined,
): RowProgram<void> {
  const stored = yield* getRow("jobs", { name });
  yield* putRow("jobs", scheduleJob(stored, name, { nextRunAt, lastRunAt, scope }));
}
