import type { PurgeRequestRecord } from "../records.js";
import type { PendingPurge } from "../rows.js";

/** The key of a pending purge within its installation: the whole of it, or one repository. */
export function purgeSubject(repositoryId: number | null): string {
  return repositoryId === null ? "installation" : `repository:${repositoryId}`;
}

/**
 * A purge to confirm, due at once; one already waiting for the same installation or repository
 * stays as it is (its back-off included): asking twice deletes nothing sooner.
 */
export function requestPurge(
  stored: PendingPurge | undefined,
  request: PurgeRequestRecord,
): PendingPurge | undefined {
  if (stored) return undefined;
  return {
    ...request,
    subject: purgeSubject(request.repositoryId),
    dueAt: request.requestedAt,
    attempts: 0,
    lastError: null,
  };
}
