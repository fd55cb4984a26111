export { holdLease, type LeaseOptions } from "./hold-lease.js";
export { queueStaleRelease, staleSubject } from "./queue-stale-release.js";
export { releaseLease } from "./release-lease.js";
export { scheduleJob } from "./schedule-job.js";
export { takeLease } from "./take-lease.js";
