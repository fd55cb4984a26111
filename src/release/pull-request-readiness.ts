import type { MilestoneRow, PullRequestRow, ReviewRequestRow, ReviewRow } from "../store/index.js";
import { type BusinessCalendar, type LocalDate, releaseDateFromDueOn } from "../time/index.js";
import { type ApprovalState, approvalState } from "./approval-state.js";
import { type PendingReviewRequest, pendingReviewRequests } from "./pending-review-requests.js";
import { type WaitingOn, waitingOn } from "./waiting-on.js";

export type ReadinessStatus = "on_track" | "at_risk" | "missed" | "not_scheduled";

export type NotScheduledReason =
  | "no_milestone"
  | "milestone_deleted"
  | "no_due_date"
  | "milestone_closed";

export interface PullRequestReadiness {
  pullRequest: PullRequestRow;
  milestone: MilestoneRow | undefined;
  status: ReadinessStatus;
  conclusion: "success" | "neutral" | "failure";
  notScheduled: NotScheduledReason | null;
  /** The milestone's due date as a calendar date; null without a due date. */
  releaseDate: LocalDate | null;
  /** Business days after today up to and including the release date; 0 on the day itself. */
  businessDaysLeft: number | null;
  approval: ApprovalState;
  pendingReviews: PendingReviewRequest[];
  waitingOn: WaitingOn;
  /** Business days since the pull request was ready for review (or opened, while a draft). */
  ageBusinessDays: number;
}

export interface ReleaseRules {
  calendar: BusinessCalendar;
  /** `release.warn_within_business_days`: at risk when this many business days or fewer are left. */
  warnWithinBusinessDays: number;
}

export interface ReadinessInput {
  pullRequest: PullRequestRow;
  milestone: MilestoneRow | undefined;
  /** May hold other pull requests' rows too; only this one's are used. */
  reviews: readonly ReviewRow[];
  reviewRequests: readonly ReviewRequestRow[];
}

const CONCLUSION = {
  on_track: "success",
  at_risk: "neutral",
  missed: "failure",
  not_scheduled: "neutral",
} as const;

function notScheduledReason(milestone: MilestoneRow | undefined): NotScheduledReason | null {
  if (!milestone) return "no_milestone";
  if (milestone.deletedAt !== null) return "milestone_deleted";
  if (milestone.dueOn === null) return "no_due_date";
  return null;
}

/**
 * Where an open pull request stands against its milestone's release date, as of `now`:
 * missed once the release date has ended in the team's time zone; on track when approved or
 * more than the warning window away; at risk otherwise. A pull request with no milestone, or
 * whose milestone was deleted, lost its due date or closed before its date, is not scheduled.
 */
export function pullRequestReadiness(
  input: ReadinessInput,
  rules: ReleaseRules,
  now: Date,
): PullRequestReadiness {
  const { pullRequest, milestone } = input;
  const { calendar } = rules;
  const approval = approvalState(pullRequest, input.reviews);
  const pendingReviews = pendingReviewRequests(pullRequest, input.reviewRequests, input.reviews);
  const today = calendar.localDate(now);
  const readyDate = calendar.localDate(new Date(pullRequest.readyAt ?? pullRequest.createdAt));
  const base = {
    pullRequest,
    milestone,
    approval,
    pendingReviews,
    waitingOn: waitingOn(pullRequest, approval, pendingReviews),
    ageBusinessDays: Math.max(0, calendar.businessDaysBetween(readyDate, today)),
  };
  const reason = notScheduledReason(milestone);
  if (reason !== null || milestone?.dueOn == null) {
    return {
      ...base,
      status: "not_scheduled",
      conclusion: CONCLUSION.not_scheduled,
      notScheduled: reason ?? "no_due_date",
      releaseDate: null,
      businessDaysLeft: null,
    };
  }
  const releaseDate = releaseDateFromDueOn(new Date(milestone.dueOn));
  // `|| 0` turns the calendar's -0 (a weekend after the date) into a plain 0.
  const businessDaysLeft = calendar.businessDaysBetween(today, releaseDate) || 0;
  let status: ReadinessStatus;
  let notScheduled: NotScheduledReason | null = null;
  if (now.getTime() >= calendar.endOfDay(releaseDate).getTime()) status = "missed";
  else if (milestone.state === "closed") {
    status = "not_scheduled";
    notScheduled = "milestone_closed";
  } else if (approval.approved && !pullRequest.draft) status = "on_track";
  else if (businessDaysLeft > rules.warnWithinBusinessDays) status = "on_track";
  else status = "at_risk";
  return {
    ...base,
    status,
    conclusion: CONCLUSION[status],
    notScheduled,
    releaseDate,
    businessDaysLeft,
  };
}
