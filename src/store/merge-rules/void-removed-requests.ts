import type { ReviewRequestRow } from "../rows.js";
import type { ReviewRequestRemovalRow } from "../stored-rows.js";

/**
 * A removal voids the request it follows, up to the next request of the same reviewer: each
 * request's `removedAt` is the first removal at or after it and before the next request.
 * Takes and returns one reviewer's rows on one pull request, requests sorted by time.
 */
export function voidRemovedRequests(
  requests: readonly ReviewRequestRow[],
  removals: readonly ReviewRequestRemovalRow[],
): ReviewRequestRow[] {
  const sorted = [...requests].sort((a, b) => a.requestedAt - b.requestedAt);
  const removedAt = removals.map((removal) => removal.removedAt).sort((a, b) => a - b);
  return sorted.map((request, i) => {
    const next = sorted[i + 1]?.requestedAt ?? Number.POSITIVE_INFINITY;
    const removal = removedAt.find((at) => at >= request.requestedAt && at < next) ?? null;
    return removal === request.removedAt ? request : { ...request, removedAt: removal };
  });
}
