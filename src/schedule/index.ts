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
  type ReportTarget,
  reportTargets,
  reviewActivityRepositoryKey,
  reviewActivityTeamKey,
} from "./report-targets.js";
export { type ReviewActivityJobOptions, reviewActivityJob } from "./review-activity-job.js";
export { type RunDueJobsOptions, runDueJobs } from "./run-due-jobs.js";
export { type SchedulerOptions, startScheduler } from "./start-scheduler.js";
