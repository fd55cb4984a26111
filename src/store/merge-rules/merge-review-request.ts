import type { ReviewRequestRecord } from "../records.js";
import type { ReviewRequestRow } from "../rows.js";
import type { ReviewRequestRemovalRow } from "../stored-rows.js";
import { voidRemovedRequests } from "./void-removed-requests.js";

/** Two records of one review request from different sources are at most this far apart. */
const SAME_REQUEST_WINDOW_MS = 10_000;

/** One reviewer's requests and removals on one pull request. */
export interface ReviewerRequests {
  requests: ReviewRequestRow[];
  removals: ReviewRequestRemovalRow[];
}

/**
 * A review request or its removal against that reviewer's stored requests and removals on the
 * pull request; returns what they become.
 */
export function mergeReviewRequest(
  stored: ReviewerRequests,
  change: { removed: boolean; record: ReviewRequestRecord },
): ReviewerRequests {
  const { record } = change;
  let { requests, removals } = stored;
  if (change.removed) {
    if (!removals.some((removal) => removal.removedAt === record.at)) {
      removals = [
        ...removals,
        {
          installationId: record.installationId,
          repositoryId: record.repositoryId,
          pullRequestId: record.pullRequestId,
          reviewer: record.reviewer,
          removedAt: record.at,
        },
      ];
    }
  } else {
    // Webhooks time a request by the PR's updated_at, GraphQL by the event's createdAt: the
    // same request seen by both lands a second or so apart. Keep the earliest of such a pair.
    const near = requests.filter(
      (request) => Math.abs(request.requestedAt - record.at) <= SAME_REQUEST_WINDOW_MS,
    );
    if (!near.some((request) => request.requestedAt <= record.at)) {
      requests = [
        ...requests.filter((request) => !near.includes(request)),
        {
          installationId: record.installationId,
          repositoryId: record.repositoryId,
          pullRequestId: record.pullRequestId,
          reviewer: record.reviewer,
          reviewerType: record.reviewerType,
          requestedAt: record.at,
          requestedBy: record.by,
          removedAt: null,
        },
      ];
    }
  }
  return { requests: voidRemovedRequests(requests, removals), removals };
}
