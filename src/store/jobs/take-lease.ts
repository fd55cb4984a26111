import type { Millis } from "../records.js";
import type { JobRow } from "../stored-rows.js";

/**
 * A job's lease goes to `owner` when nobody holds it, `owner` already does (it is renewed), or
 * the holder's lease has run out. Returns the job row with the lease taken, or undefined when
 * someone else holds it.
 */
export function takeLease(
  stored: JobRow | undefined,
  name: string,
  owner: string,
  now: Millis,
  ttlMs: number,
): JobRow | undefined {
  if (
    stored &&
    stored.leaseOwner !== null &&
    stored.leaseOwner !== owner &&
    (stored.leaseUntil === null || stored.leaseUntil > now)
  )
    return undefined;
  const job = stored ?? {
    name,
    installationId: null,
    repositoryId: null,
    nextRunAt: null,
    lastRunAt: null,
  };
  return { ...job, leaseOwner: owner, leaseUntil: now + ttlMs };
}
