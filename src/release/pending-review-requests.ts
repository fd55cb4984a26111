import type { PullRequestRow, ReviewRequestRow, ReviewRow } from "../store/index.js";

export interface PendingReviewRequest {
  /** A login, or `@org/team` for a team. */
  reviewer: string;
  reviewerType: ReviewRequestRow["reviewerType"];
  requestedAt: number;
}

/**
 * Review requests still waiting for an answer: each reviewer's latest request, not removed, with
 * no review from that reviewer since (for a team: from anyone but the author, as membership is
 * not known here).
 */
export function pendingReviewRequests(
  pullRequest: Pick<PullRequestRow, "pullRequestId" | "author">,
  requests: readonly ReviewRequestRow[],
  reviews: readonly ReviewRow[],
): PendingReviewRequest[] {
  const latest = new Map<string, ReviewRequestRow>();
  for (const request of requests) {
    if (request.pullRequestId !== pullRequest.pullRequestId) continue;
    const previous = latest.get(request.reviewer);
    if (!previous || request.requestedAt > previous.requestedAt)
      latest.set(request.reviewer, request);
  }
  const ownReviews = reviews.filter(
    (review) =>
      review.pullRequestId === pullRequest.pullRequestId &&
      review.reviewer.login !== pullRequest.author.login,
  );
  const pending: PendingReviewRequest[] = [];
  for (const request of latest.values()) {
    if (request.removedAt !== null) continue;
    const answered = ownReviews.some(
      (review) =>
        review.submittedAt >= request.requestedAt &&
        (request.reviewerType === "Team" || review.reviewer.login === request.reviewer),
    );
    if (!answered) {
      pending.push({
        reviewer: request.reviewer,
        reviewerType: request.reviewerType,
        requestedAt: request.requestedAt,
      });
    }
  }
  return pending.sort((a, b) => a.reviewer.localeCompare(b.reviewer));
}
