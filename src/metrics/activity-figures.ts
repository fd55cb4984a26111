import { type Figure, figureOf, measured, notMeasured } from "./figure.js";
import type { ActivityMeasures } from "./measure-activity.js";
import type { DurationSummary } from "./pull-request-timings.js";

/** The sections' figures of one period: each computed once, with the rule that says when it applies. */
export interface ActivityFigures {
  pull_requests: {
    opened: Figure;
    merged: Figure;
    closed_unmerged: Figure;
    open: Figure;
    opened_by_bots: Figure;
    median_time_to_first_review_hours: Figure;
    p90_time_to_first_review_hours: Figure;
    median_time_to_first_review_wall_hours: Figure;
    first_reviews: Figure;
    waiting_for_first_review: Figure;
    median_cycle_time_hours: Figure;
    p90_cycle_time_hours: Figure;
    median_cycle_time_wall_hours: Figure;
    /** These three apply only when something was merged in the period. */
    merged_without_approval: Figure;
    self_merged_without_approval: Figure;
    merged_without_review: Figure;
  };
  review_requests: {
    /** Requests to people made in the period: answered + unanswered + pending. */
    requests: Figure;
    answered: Figure;
    unanswered: Figure;
    pending: Figure;
    median_answer_hours: Figure;
    p90_answer_hours: Figure;
    median_answer_wall_hours: Figure;
    answered_after_sla: Figure;
  };
  participation: {
    members: Figure;
    members_who_reviewed: Figure;
    /** Applies with two members or more and pull requests to review in the period. */
    share_reviewing: Figure;
    reviews: Figure;
    top_reviewer: { login: string; reviews: Figure; share: Figure } | null;
  };
  customer_issues: {
    /** Opened in the period: first responses + closed without a response + still awaiting. */
    opened: Figure;
    first_responses: Figure;
    closed_without_response: Figure;
    still_awaiting: Figure;
    sla_breaches: Figure;
    median_first_response_hours: Figure;
    p90_first_response_hours: Figure;
    median_first_response_wall_hours: Figure;
    closed: Figure;
    closed_with_rca: Figure;
  };
}

const count = (value: number) => measured(value, "count");

/** Median and 90th percentile in business hours, the median in wall-clock hours. */
function durations(summary: DurationSummary, reason: string) {
  return {
    median: figureOf(summary.median_hours, "business_hours", reason),
    p90: figureOf(summary.p90_hours, "business_hours", reason),
    wall: figureOf(summary.median_wall_hours, "hours", reason),
  };
}

/**
 * Every figure of a report's sections, from its measures: the one place that decides whether a
 * figure applies in the period, so that its verdict, its section, its trend and the exports
 * never disagree about it.
 */
export function activityFigures(measures: ActivityMeasures): ActivityFigures {
  const { pullRequests, timings, participation, customers } = measures;
  const firstReview = durations(
    timings.time_to_first_review,
    "no pull request got a first review in the period",
  );
  const cycle = durations(timings.cycle_time, "nothing merged in the period");
  const answers = durations(measures.requestAnswers, "no review requests answered");
  const firstResponse = durations(customers.first_response, "no first response in the period");
  const whenMerged = (value: number) =>
    pullRequests.merged > 0 ? count(value) : notMeasured("count", "nothing merged");
  const top = participation.top_reviewer;
  return {
    pull_requests: {
      opened: count(pullRequests.opened),
      merged: count(pullRequests.merged),
      closed_unmerged: count(pullRequests.closed_unmerged),
      open: count(pullRequests.open),
      opened_by_bots: count(pullRequests.opened_by_bots),
      median_time_to_first_review_hours: firstReview.median,
      p90_time_to_first_review_hours: firstReview.p90,
      median_time_to_first_review_wall_hours: firstReview.wall,
      first_reviews: count(timings.time_to_first_review.count),
      waiting_for_first_review: count(timings.waiting_for_first_review),
      median_cycle_time_hours: cycle.median,
      p90_cycle_time_hours: cycle.p90,
      median_cycle_time_wall_hours: cycle.wall,
      merged_without_approval: whenMerged(timings.merged_without_approval),
      self_merged_without_approval: whenMerged(timings.self_merged_without_approval),
      merged_without_review: whenMerged(timings.merged_without_review),
    },
    review_requests: {
      requests: count(measures.trackedRequests),
      answered: count(measures.requestStatuses.answered),
      unanswered: count(measures.requestStatuses.unanswered),
      pending: count(measures.requestStatuses.pending),
      median_answer_hours: answers.median,
      p90_answer_hours: answers.p90,
      median_answer_wall_hours: answers.wall,
      answered_after_sla: count(measures.lateRequestAnswers),
    },
    participation: {
      members: count(participation.members),
      members_who_reviewed: count(participation.members_who_reviewed),
      share_reviewing:
        participation.members < 2
          ? notMeasured("ratio", "fewer than 2 team members known")
          : pullRequests.opened + pullRequests.open === 0
            ? notMeasured("ratio", "no PRs to review")
            : measured(participation.share_reviewing ?? 0, "ratio"),
      reviews: count(participation.reviews),
      top_reviewer: top && {
        login: top.login,
        reviews: count(top.reviews),
        share: measured(top.share, "ratio"),
      },
    },
    customer_issues: {
      opened: count(customers.opened),
      first_responses: count(customers.first_response.count),
      closed_without_response: count(customers.closed_without_response),
      still_awaiting: count(customers.still_awaiting),
      sla_breaches: count(customers.sla_breaches),
      median_first_response_hours: firstResponse.median,
      p90_first_response_hours: firstResponse.p90,
      median_first_response_wall_hours: firstResponse.wall,
      closed: count(customers.closed),
      closed_with_rca: count(customers.closed_with_rca),
    },
  };
}
