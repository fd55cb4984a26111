import type { PullRequestRow, ReviewRow } from "../store/index.js";

export interface ApprovalState {
  /** An APPROVED verdict from someone and no CHANGES_REQUESTED verdict from anyone. */
  approved: boolean;
  approvedBy: string[];
  changesRequestedBy: string[];
  /** When each reviewer gave the verdict that counts now. */
  verdictAt: Map<string, number>;
}

function isLater(review: ReviewRow, than: ReviewRow): boolean {
  return (
    review.submittedAt > than.submittedAt ||
    (review.submittedAt === than.submittedAt && review.reviewId > than.reviewId)
  );
}

/**
 * Each reviewer's latest APPROVED or CHANGES_REQUESTED review is their verdict, as GitHub shows
 * it: a later comment does not change it, and a dismissed latest verdict counts as none.
 * The author's own reviews never count.
 */
export function approvalState(
  pullRequest: Pick<PullRequestRow, "pullRequestId" | "author">,
  reviews: readonly ReviewRow[],
): ApprovalState {
  const latest = new Map<string, ReviewRow>();
  for (const review of reviews) {
    if (review.pullRequestId !== pullRequest.pullRequestId) continue;
    if (review.reviewer.login === pullRequest.author.login) continue;
    if (review.state !== "APPROVED" && review.state !== "CHANGES_REQUESTED") continue;
    const previous = latest.get(review.reviewer.login);
    if (!previous || isLater(review, previous)) latest.set(review.reviewer.login, review);
  }
  const approvedBy: string[] = [];
  const changesRequestedBy: string[] = [];
  const verdictAt = new Map<string, number>();
  for (const [login, review] of [...latest].sort(([a], [b]) => a.localeCompare(b))) {
    if (review.dismissed) continue;
    verdictAt.set(login, review.submittedAt);
    if (review.state === "APPROVED") approvedBy.push(login);
    else changesRequestedBy.push(login);
  }
  return {
    approved: approvedBy.length > 0 && changesRequestedBy.length === 0,
    approvedBy,
    changesRequestedBy,
    verdictAt,
  };
}
