export {
  DEFAULT_FAILED_DELIVERY_RETENTION_DAYS,
  FAILED_DELIVERY_RETENTION_JOB,
  type FailedDeliveryRetentionJobOptions,
  failedDeliveryRetentionJob,
} from "./failed-delivery-retention-job.js";
export type { ScheduledJob } from "./job.js";
export { nextCronRun, previousCronRun } from "./next-cron-run.js";
export {
  RELEASE_READINESS_JOB,
  type ReleaseReadinessJobOptions,
  releaseReadinessJob,
  repositoryJobKey,
} from "./release-readiness-job.js";
export {
  REVIEW_ACTIVITY_JOB,
  type ReviewActivityJobOptions,
  reviewActivityJob,
  reviewActivityRepositoryKey,
  reviewActivityTeamKey,
} from "./review-activity-job.js";
export { type RunDueJobsOptions, runDueJobs } from "./run-due-jobs.js";
export { type SchedulerOptions, startScheduler } from "./start-scheduler.js";
