export { isBot } from "./is-bot.js";
export { inPeriod, type Period } from "./period.js";
export { type PullRequestCounts, pullRequestCounts } from "./pull-request-counts.js";
export { type PersonParticipation, reviewParticipation } from "./review-participation.js";
