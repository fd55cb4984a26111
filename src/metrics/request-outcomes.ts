import type { Millis, PullRequestRow, ReviewRequestRow } from "../store/index.js";
import { activeTime, type Hours } from "./active-time.js";
import type { ActivityIndex } from "./activity-index.js";
import { asOf, type MeasureContext } from "./measure-context.js";

/**
 * What became of one review request, as of the evaluation instant:
 * - `answered`: the reviewer submitted a review after it (and before any re-request);
 * - `unanswered`: the PR closed without that review;
 * - `pending`: the PR is open and the review has not come; `waited` is its age so far;
 * - `removed`: the request was withdrawn before an answer (void);
 * - `superseded`: re-requested before an answer, so only the latest request counts.
 */
export interface RequestOutcome {
  request: ReviewRequestRow;
  pullRequest: PullRequestRow;
  status: "answered" | "unanswered" | "pending" | "removed" | "superseded";
  /** When the answering review was submitted. */
  answeredAt: Millis | null;
  /** Request to answer (answered) or request to now (pending), draft time left out. */
  waited: Hours | null;
}

/**
 * The outcome of every review request to a person or team made up to the evaluation instant.
 * Requests to bots are left out. A team request is answered by the first review of anyone
 * other than the author.
 */
export function requestOutcomes(index: ActivityIndex, context: MeasureContext): RequestOutcome[] {
  const at = asOf(context);
  const outcomes: RequestOutcome[] = [];
  for (const [pullRequestId, requests] of index.requests) {
    const pr = index.pullRequests.get(pullRequestId);
    if (!pr) continue;
    const reviews = index.peerReviews.get(pullRequestId) ?? [];
    const drafts = index.drafts.get(pullRequestId) ?? [];
    const byReviewer = new Map<string, ReviewRequestRow[]>();
    for (const request of requests) {
      if (request.requestedAt > at || request.reviewerType === "Bot") continue;
      if (request.reviewerType === "User" && index.isBot(request.reviewer)) continue;
      const list = byReviewer.get(request.reviewer);
      if (list) list.push(request);
      else byReviewer.set(request.reviewer, [request]);
    }
    for (const [reviewer, list] of byReviewer) {
      const team = list[0]?.reviewerType === "Team";
      const answers = reviews.filter(
        (review) => review.submittedAt <= at && (team || review.reviewer.login === reviewer),
      );
      list.forEach((request, i) => {
        const next = list[i + 1]?.requestedAt ?? Number.POSITIVE_INFINITY;
        const answer = answers.find((review) => review.submittedAt >= request.requestedAt);
        const answeredAt = answer?.submittedAt ?? null;
        const removedAt =
          request.removedAt !== null && request.removedAt <= at ? request.removedAt : null;
        let status: RequestOutcome["status"];
        if (removedAt !== null && (answeredAt === null || answeredAt > removedAt))
          status = "removed";
        else if (answeredAt !== null && answeredAt < next) status = "answered";
        else if (next !== Number.POSITIVE_INFINITY) status = "superseded";
        else if (pr.closedAt !== null && pr.closedAt <= at) status = "unanswered";
        else status = "pending";
        const waited =
          status === "answered"
            ? activeTime(context.calendar, request.requestedAt, answeredAt as Millis, drafts)
            : status === "pending"
              ? activeTime(context.calendar, request.requestedAt, at, drafts)
              : null;
        outcomes.push({
          request,
          pullRequest: pr,
          status,
          answeredAt: status === "answered" ? answeredAt : null,
          waited,
        });
      });
    }
  }
  return outcomes;
}
