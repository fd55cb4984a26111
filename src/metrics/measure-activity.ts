import type { MembershipSpan } from "../store/index.js";
import type { ActivityIndex } from "./activity-index.js";
import { type CustomerResponse, customerResponse } from "./customer-response.js";
import { isMemberAt } from "./is-member-at.js";
import type { MeasureContext } from "./measure-context.js";
import { inPeriod } from "./period.js";
import { type PullRequestCounts, pullRequestCounts } from "./pull-request-counts.js";
import {
  type DurationSummary,
  type PullRequestTimings,
  pullRequestTimings,
  summarizeDurations,
} from "./pull-request-timings.js";
import { requestOutcomes } from "./request-outcomes.js";
import { type PersonParticipation, reviewParticipation } from "./review-participation.js";
import { type TeamMembers, teamMembers } from "./team-members.js";
import { type TeamParticipation, teamParticipation } from "./team-participation.js";
import { type UnblockSla, unblockList, type WaitingItem } from "./unblock-list.js";

export interface MeasureSettings {
  /** Listed team members; when empty, members are inferred from author associations. */
  members?: readonly string[] | undefined;
  /** A team from GitHub: when each member was in it (takes the place of `members`). */
  memberSpans?: ReadonlyMap<string, readonly MembershipSpan[]> | undefined;
  sla: UnblockSla & { customer_first_response_business_hours: number };
  customerLabels: readonly string[];
  rcaLabels: readonly string[];
}

/** Every activity measure of a report. */
export interface ActivityMeasures {
  members: TeamMembers;
  pullRequests: PullRequestCounts;
  timings: PullRequestTimings;
  people: PersonParticipation[];
  participation: TeamParticipation;
  /** Answer time of the requests to people made in the period and answered. */
  requestAnswers: DurationSummary;
  /** Review requests made in the period and answered beyond the SLA (a breach even if answered). */
  lateRequestAnswers: number;
  /** Requests made in the period that were answered, closed unanswered or are pending. */
  trackedRequests: number;
  /** Those requests by what became of them; they add up to `trackedRequests`. */
  requestStatuses: { answered: number; unanswered: number; pending: number };
  unblock: WaitingItem[];
  customers: CustomerResponse;
}

/** Every activity measure of a report, from one index of the activity (see `indexActivity`). */
export function measureActivity(
  index: ActivityIndex,
  context: MeasureContext,
  settings: MeasureSettings,
): ActivityMeasures {
  const outcomes = requestOutcomes(index, context);
  const people = reviewParticipation(index, outcomes, context.period);
  const members = teamMembers(index, context.period, settings.members, settings.memberSpans);
  // A member counts as reviewing only for reviews given while in the team.
  const reviewers = members.spans && new Set<string>();
  if (reviewers)
    for (const reviews of index.peerReviews.values())
      for (const review of reviews)
        if (
          inPeriod(review.submittedAt, context.period) &&
          isMemberAt(members, review.reviewer.login, review.submittedAt)
        )
          reviewers.add(review.reviewer.login);
  const inPeriodRequests = outcomes.filter(
    (o) =>
      o.request.reviewerType === "User" &&
      o.request.requestedAt >= context.period.since &&
      o.request.requestedAt < context.period.until &&
      (o.status === "answered" || o.status === "unanswered" || o.status === "pending"),
  );
  return {
    members,
    pullRequests: pullRequestCounts(index, context.period),
    timings: pullRequestTimings(index, context, settings.sla.first_review_business_hours),
    people,
    participation: teamParticipation(people, members, reviewers),
    requestAnswers: summarizeDurations(
      inPeriodRequests.flatMap((o) => (o.status === "answered" && o.waited ? [o.waited] : [])),
    ),
    lateRequestAnswers: inPeriodRequests.filter(
      (o) =>
        o.status === "answered" &&
        (o.waited?.business ?? 0) > settings.sla.review_request_business_hours,
    ).length,
    trackedRequests: inPeriodRequests.length,
    requestStatuses: {
      answered: inPeriodRequests.filter((o) => o.status === "answered").length,
      unanswered: inPeriodRequests.filter((o) => o.status === "unanswered").length,
      pending: inPeriodRequests.filter((o) => o.status === "pending").length,
    },
    unblock: unblockList(index, outcomes, context, settings.sla),
    customers: customerResponse(index, context, members, {
      labels: settings.customerLabels,
      rcaLabels: settings.rcaLabels,
      sla_business_hours: settings.sla.customer_first_response_business_hours,
    }),
  };
}
