import type { InstallationRecord } from "../records.js";

/**
 * An installation event against the stored row: the newest event wins (an equal time is taken,
 * as it came later). Undefined when the stored row stays as it is.
 */
export function mergeInstallation(
  stored: InstallationRecord | undefined,
  incoming: InstallationRecord,
): InstallationRecord | undefined {
  if (!stored) return incoming;
  if (stored.updatedAt > incoming.updatedAt) return undefined;
  const same =
    stored.accountLogin === incoming.accountLogin &&
    stored.accountType === incoming.accountType &&
    stored.suspended === incoming.suspended &&
    stored.updatedAt === incoming.updatedAt;
  return same ? undefined : incoming;
}
