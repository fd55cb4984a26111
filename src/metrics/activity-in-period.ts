import type { Activity } from "../store/index.js";
import type { Period } from "./period.js";

/** Open at some time in the period: created before its end, and not closed before its start. */
function openIn(item: { createdAt: number; closedAt: number | null }, period: Period): boolean {
  return item.createdAt < period.until && (item.closedAt === null || item.closedAt >= period.since);
}

/**
 * The part of activity loaded for a longer span that the store would load for `period` alone
 * (the rule of `ActivityReads.loadActivity`), in the same order: a span is read once and each
 * period measured from its own part, giving exactly the figures of a report of that period.
 */
export function activityInPeriod(activity: Activity, period: Period): Activity {
  const pullRequests = activity.pullRequests.filter((pr) => openIn(pr, period));
  const issues = activity.issues.filter((issue) => openIn(issue, period));
  const prIds = new Set(pullRequests.map((pr) => pr.pullRequestId));
  const issueIds = new Set(issues.map((issue) => issue.issueId));
  return {
    repositories: activity.repositories,
    pullRequests,
    reviews: activity.reviews.filter((review) => prIds.has(review.pullRequestId)),
    reviewRequests: activity.reviewRequests.filter((request) => prIds.has(request.pullRequestId)),
    timeline: activity.timeline.filter((entry) => prIds.has(entry.pullRequestId)),
    milestones: activity.milestones,
    issues,
    issueComments: activity.issueComments.filter((comment) => issueIds.has(comment.issueId)),
  };
}
