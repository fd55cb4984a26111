import type { Versioned } from "../stored-rows.js";

/** Newest `updated_at` wins; equal times are broken by content so any order converges. */
export function newestWins(incoming: Versioned, stored: Versioned | undefined): boolean {
  if (!stored) return true;
  return (
    incoming.updatedAt > stored.updatedAt ||
    (incoming.updatedAt === stored.updatedAt && incoming.versionHash > stored.versionHash)
  );
}
