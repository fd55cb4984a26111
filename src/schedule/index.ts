export type { ScheduledJob } from "./job.js";
export { type RunDueJobsOptions, runDueJobs } from "./run-due-jobs.js";
export { type SchedulerOptions, startScheduler } from "./start-scheduler.js";
