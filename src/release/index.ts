export { type ApprovalState, approvalState } from "./approval-state.js";
export { branchPatternMatcher } from "./branch-pattern-matcher.js";
export { configErrorCheck } from "./config-error-check.js";
export { dashboardMilestoneUrl } from "./dashboard-milestone-url.js";
export { isReleasePullRequest } from "./is-release-pull-request.js";
export {
  MILESTONE_ISSUE_LABEL,
  type MilestoneIssue,
  type MilestoneIssueInput,
  milestoneIssue,
  milestoneIssueKey,
} from "./milestone-issue.js";
export { type PendingReviewRequest, pendingReviewRequests } from "./pending-review-requests.js";
export {
  type NotScheduledReason,
  type PullRequestReadiness,
  pullRequestReadiness,
  type ReadinessInput,
  type ReadinessStatus,
  type ReleaseRules,
} from "./pull-request-readiness.js";
export { type OpenGap, recordGapNotice } from "./record-gap-notice.js";
export {
  RELEASE_GATE_CHECK,
  RELEASE_READINESS_CHECK,
  type ReleaseCheckRun,
  releaseGateExternalId,
  releaseReadinessExternalId,
} from "./release-check-run.js";
export {
  type ReleaseGateInput,
  releaseGateCheck,
  retiredReleaseGateCheck,
} from "./release-gate-check.js";
export { releaseReadinessCheck } from "./release-readiness-check.js";
export { describeWaitingOn, formatReleaseDate, waitingOnShort } from "./release-text.js";
export { type WaitingOn, waitingOn } from "./waiting-on.js";
