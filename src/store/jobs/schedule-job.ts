import type { Millis } from "../records.js";
import type { JobScope } from "../rows.js";
import type { JobRow } from "../stored-rows.js";

/**
 * The job with its next run set. The last run is kept unless a new one is given; the scope
 * (whose job it is) is kept unless given.
 */
export function scheduleJob(
  stored: JobRow | undefined,
  name: string,
  run: { nextRunAt: Millis; lastRunAt: Millis | null; scope?: JobScope },
): JobRow {
  return {
    name,
    installationId: run.scope?.installationId ?? stored?.installationId ?? null,
    repositoryId: run.scope ? run.scope.repositoryId : (stored?.repositoryId ?? null),
    nextRunAt: run.nextRunAt,
    lastRunAt: run.lastRunAt ?? stored?.lastRunAt ?? null,
    leaseOwner: stored?.leaseOwner ?? null,
    leaseUntil: stored?.leaseUntil ?? null,
  };
}
