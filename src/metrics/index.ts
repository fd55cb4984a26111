export { activeTime, type Hours } from "./active-time.js";
export { type ActivityFigures, activityFigures } from "./activity-figures.js";
export { activityInPeriod } from "./activity-in-period.js";
export { type ActivityIndex, indexActivity, MEMBER_ASSOCIATIONS } from "./activity-index.js";
export {
  type AwaitingIssue,
  type CustomerResponse,
  type CustomerSettings,
  customerResponse,
  type FirstResponse,
} from "./customer-response.js";
export { draftPeriods, type Interval, isDraftAt } from "./draft-periods.js";
export { type Figure, figureOf, measured, notMeasured, type Unit } from "./figure.js";
export { isBot } from "./is-bot.js";
export {
  type ActivityMeasures,
  type MeasureSettings,
  measureActivity,
} from "./measure-activity.js";
export { asOf, type MeasureContext } from "./measure-context.js";
export { inPeriod, type Period } from "./period.js";
export { type PullRequestCounts, pullRequestCounts } from "./pull-request-counts.js";
export {
  type DurationSummary,
  firstPeerReview,
  type PullRequestTimings,
  pullRequestTimings,
  summarizeDurations,
} from "./pull-request-timings.js";
export { median, quantile } from "./quantile.js";
export { type RequestOutcome, requestOutcomes } from "./request-outcomes.js";
export { type PersonParticipation, reviewParticipation } from "./review-participation.js";
export { type TeamMembers, teamMembers } from "./team-members.js";
export { type TeamParticipation, teamParticipation } from "./team-participation.js";
export { type UnblockSla, unblockList, type WaitingItem } from "./unblock-list.js";
