export { type BackfillOnInstallOptions, backfillOnInstall } from "./backfill-on-install.js";
export { buildPersonLadder } from "./build-person-ladder.js";
export { buildReportTrends } from "./build-report-trends.js";
export { buildReviewActivityReport, type ReportRequest } from "./build-review-activity-report.js";
export { type CatchUps, catchUpInBackground } from "./catch-up-in-background.js";
export {
  CATCH_UP_MARGIN_MS,
  type CatchUpOptions,
  type CatchUpOutcome,
  catchUpInstallation,
} from "./catch-up-installation.js";
export { codeOwnersReaction } from "./code-owners-reaction.js";
export { type ConfirmPurgesOptions, confirmPurges } from "./confirm-purges.js";
export { type LearnedTeams, learnGitHubTeams } from "./learn-github-teams.js";
export type { ReleaseReadinessScope } from "./load-release-scope.js";
export { HEARTBEAT_MS, openDowntimeGaps } from "./open-downtime-gaps.js";
export {
  postReportIssue,
  postReviewActivityReport,
  type ReportPublication,
} from "./post-review-activity-report.js";
export {
  MOST_ATTEMPTS,
  type PublishQueueBatchOptions,
  type PublishQueueWorkers,
  type PublishQueueWorkersOptions,
  publishQueueWorkers,
  retryDelay,
  runPublishQueueBatch,
} from "./publish-queue-workers.js";
export type { Reaction, RecordedEvent } from "./reaction.js";
export {
  type RecoverMissedDeliveriesOptions,
  type RecoveryRun,
  recoverMissedDeliveries,
} from "./recover-missed-deliveries.js";
export { rememberSettings } from "./remember-settings.js";
export { repositoryIdByName } from "./repository-id-by-name.js";
export { type GitHubTeam, resolveGitHubTeams } from "./resolve-github-teams.js";
export {
  type AllReleaseReadinessOptions,
  updateAllReleaseReadiness,
} from "./update-all-release-readiness.js";
export {
  type ReleaseReadinessOptions,
  type ReleaseReadinessOutcome,
  updateReleaseReadiness,
} from "./update-release-readiness.js";
