export { addTimelineEntry } from "./add-timeline-entry.js";
export { markMilestoneDeleted } from "./mark-milestone-deleted.js";
export { mergeInstallation } from "./merge-installation.js";
export { mergeIssue } from "./merge-issue.js";
export { mergeIssueComment } from "./merge-issue-comment.js";
export { mergeMilestone } from "./merge-milestone.js";
export { mergePullRequest } from "./merge-pull-request.js";
export { mergeRepository } from "./merge-repository.js";
export { mergeReview } from "./merge-review.js";
export {
  mergeReviewRequest,
  type ReviewerRequests,
  SAME_REQUEST_WINDOW_MS,
} from "./merge-review-request.js";
export { newestWins } from "./newest-wins.js";
export { readyTime } from "./ready-time.js";
export { releaseLease } from "./release-lease.js";
export { scheduleJob } from "./schedule-job.js";
export { takeLease } from "./take-lease.js";
export { versionHash } from "./version-hash.js";
export { voidRemovedRequests } from "./void-removed-requests.js";
