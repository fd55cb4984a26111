import type { Millis } from "../records.js";
import type { JobLeases } from "../store.js";

export interface LeaseOptions {
  owner: string;
  ttlMs: number;
  /** The wall clock renewals read. */
  clock: () => Millis;
  /** When it is taken (a scheduler tick's `now`); default the clock. */
  takenAt?: Millis;
  /** Renewing failed (the database is away for a moment); the work goes on. */
  onRenewError?: (error: unknown) => void;
}

/**
 * Runs `work` while holding the named lease, renewed every third of its time so that a long
 * run is not taken over, and given back at the end. `{ held: false }` without running it when
 * another process holds the lease; if this process dies, the lease runs out and another takes it.
 */
export async function holdLease<T>(
  leases: Pick<JobLeases, "acquireLease" | "releaseLease">,
  name: string,
  options: LeaseOptions,
  work: () => Promise<T>,
): Promise<{ held: true; result: T } | { held: false }> {
  const { owner, ttlMs, clock } = options;
  if (!(await leases.acquireLease(name, owner, options.takenAt ?? clock(), ttlMs)))
    return { held: false };
  let renewing = Promise.resolve();
  const renew = setInterval(() => {
    renewing = renewing.then(() =>
      leases
        .acquireLease(name, owner, clock(), ttlMs)
        .then(() => undefined, options.onRenewError ?? (() => undefined)),
    );
  }, ttlMs / 3);
  renew.unref();
  try {
    return { held: true, result: await work() };
  } finally {
    clearInterval(renew);
    await renewing;
    await leases.releaseLease(name, owner);
  }
}
