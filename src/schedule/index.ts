export { backfillTakeoverJob } from "./backfill-takeover-job.js";
export {
  DEFAULT_FAILED_DELIVERY_RETENTION_DAYS,
  failedDeliveryRetentionJob,
} from "./failed-delivery-retention-job.js";
export type { ScheduledJob } from "./job.js";
export { purgeConfirmationJob } from "./purge-confirmation-job.js";
export {
  DEFAULT_REDELIVERY_INTERVAL_MS,
  REDELIVERY_JOB,
  type RedeliveryJobOptions,
  redeliveryJob,
} from "./redelivery-job.js";
export {
  type ReleaseReadinessJobOptions,
  releaseReadinessJob,
} from "./release-readiness-job.js";
export {
  type ReportTarget,
  reportTargets,
  reviewActivityRepositoryKey,
} from "./report-targets.js";
export { type ReviewActivityJobOptions, reviewActivityJob } from "./review-activity-job.js";
export { type RunDueJobsOptions, runDueJobs } from "./run-due-jobs.js";
export { startHeartbeat } from "./start-heartbeat.js";
export { type SchedulerOptions, startScheduler } from "./start-scheduler.js";
export { teamReportTarget } from "./team-report-target.js";
