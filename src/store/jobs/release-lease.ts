import type { JobRow } from "../stored-rows.js";

/** The job with `owner`'s lease given back; undefined when `owner` does not hold it. */
export function releaseLease(stored: JobRow | undefined, owner: string): JobRow | undefined {
  if (!stored || stored.leaseOwner !== owner) return undefined;
  return { ...stored, leaseOwner: null, leaseUntil: null };
}
