export type { ScheduledJob } from "./job.js";
export {
  type ReleaseReadinessJobOptions,
  releaseReadinessJob,
} from "./release-readiness-job.js";
export {
  type ReviewActivityJobOptions,
  reviewActivityJob,
  reviewActivityRepositoryKey,
} from "./review-activity-job.js";
export { type RunDueJobsOptions, runDueJobs } from "./run-due-jobs.js";
export { type SchedulerOptions, startScheduler } from "./start-scheduler.js";
