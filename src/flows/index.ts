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
export { HEARTBEAT_MS, openDowntimeGaps } from "./open-downtime-gaps.js";
export { postReviewActivityReport } from "./post-review-activity-report.js";
export {
  MOST_ATTEMPTS,
  publishQueuedReleases,
  type QueuedReleasesOptions,
  retryDelay,
} from "./publish-queued-releases.js";
export {
  type PublishLog,
  publishReleaseReadiness,
  type ReleaseReadinessOptions,
  type ReleaseReadinessOutcome,
  type ReleaseReadinessScope,
} from "./publish-release-readiness.js";
export {
  publishReviewActivityReport,
  type ReportPublication,
} from "./publish-review-activity-report.js";
export {
  publishStoreReleaseReadiness,
  type StoreReleaseReadinessOptions,
} from "./publish-store-release-readiness.js";
export type { Reaction, RecordedEvent } from "./reaction.js";
export {
  type RecoverMissedDeliveriesOptions,
  type RecoveryRun,
  recoverMissedDeliveries,
} from "./recover-missed-deliveries.js";
export { type ReleaseQueue, type ReleaseQueueOptions, releaseQueue } from "./release-queue.js";
export { rememberSettings } from "./remember-settings.js";
export { repositoryIdByName } from "./repository-id-by-name.js";
export { type GitHubTeam, resolveGitHubTeams } from "./resolve-github-teams.js";
