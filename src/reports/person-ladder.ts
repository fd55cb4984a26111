import type { ExpectationsConfig } from "../config/index.js";
import {
  evaluatePersonExpectations,
  type PersonExpectationResult,
  type ReleaseSummary,
} from "../expectations/index.js";
import { asOf, indexActivity, median, pullRequestCounts } from "../metrics/index.js";
import { releaseSummaries } from "./release-summaries.js";
import {
  describeBusinessTime,
  measureReport,
  type ReportInput,
  type ReportScope,
  type ReportWaitingItem,
  reportWaitingItem,
  roundHours,
} from "./review-activity-report.js";

/** One engineer's ladder lines for a team or repository and a period; never a ranking. */
export interface PersonLadder {
  login: string;
  /** A member of the team: listed in config, or (without a list) active as one in the period. */
  member: boolean;
  scope: ReportScope & { repositories: string[] };
  period: { since: string; until: string };
  as_of: string;
  time_zone: string;
  business_time: string;
  sla: ExpectationsConfig["sla"];
  lines: PersonExpectationResult[];
  reviews: { given: number; pull_requests: number };
  requests: {
    received: number;
    answered: number;
    unanswered: number;
    pending: number;
    median_answer_hours: number | null;
    p90_answer_hours: number | null;
    median_answer_wall_hours: number | null;
  };
  /** Review requests to them waiting past the SLA now, longest first. */
  waiting: ReportWaitingItem[];
  /** The releases their own pull requests are in, as those pull requests alone see them. */
  releases: ReleaseSummary[];
  first_responses: { count: number; median_hours: number | null; breaches: number };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** A person's lines from the same measures as the report of the same input, judged by the same rules. */
export function personLadder(input: ReportInput, login: string): PersonLadder {
  const { activity, context, config } = input;
  const { measures, releaseSettings } = measureReport(input);
  const own = new Set(
    activity.pullRequests.filter((pr) => pr.author.login === login).map((pr) => pr.pullRequestId),
  );
  const mine = <T extends { pullRequestId: number }>(rows: readonly T[]) =>
    rows.filter((row) => own.has(row.pullRequestId));
  const ownPullRequests = mine(activity.pullRequests);
  const ownMilestones = new Set(ownPullRequests.map((pr) => pr.milestoneId));
  // The releases their pull requests are in, as those pull requests alone see them.
  const ownIndex = indexActivity(
    {
      ...activity,
      milestones: activity.milestones.filter((m) => ownMilestones.has(m.milestoneId)),
      pullRequests: ownPullRequests,
      reviews: mine(activity.reviews),
      reviewRequests: mine(activity.reviewRequests),
      timeline: mine(activity.timeline),
    },
    context.bots,
  );
  const ownCounts = pullRequestCounts(ownIndex, context.period);
  const releases = releaseSummaries(ownIndex, context, releaseSettings);
  const participation = measures.people.find((person) => person.login === login);
  const waiting = measures.unblock.filter(
    (item) => item.kind === "review_request" && item.waiting_on === login,
  );
  const firstResponses = measures.customers.responders.filter(
    (response) => response.login === login,
  );
  const lines = evaluatePersonExpectations({
    participation,
    pullRequestsByOthers:
      measures.pullRequests.opened +
      measures.pullRequests.open -
      (ownCounts.opened + ownCounts.open),
    waitingPastSla: waiting.length,
    releases,
    firstResponses,
    sla: config.sla,
    businessTime: describeBusinessTime(config),
  });
  return {
    login,
    member: measures.members.logins.has(login),
    scope: { ...input.scope, repositories: activity.repositories.map((r) => r.fullName).sort() },
    period: { since: iso(context.period.since), until: iso(context.period.until) },
    as_of: iso(asOf(context)),
    time_zone: context.calendar.timezone,
    business_time: describeBusinessTime(config),
    sla: config.sla,
    lines,
    reviews: {
      given: participation?.reviews ?? 0,
      pull_requests: participation?.prs_reviewed ?? 0,
    },
    requests: {
      received: participation?.requests_received ?? 0,
      answered: participation?.requests_answered ?? 0,
      unanswered: participation?.requests_unanswered ?? 0,
      pending: participation?.requests_pending ?? 0,
      median_answer_hours: roundHours(participation?.median_request_answer_hours ?? null),
      p90_answer_hours: roundHours(participation?.p90_request_answer_hours ?? null),
      median_answer_wall_hours: roundHours(participation?.median_request_answer_wall_hours ?? null),
    },
    waiting: waiting.map(reportWaitingItem),
    releases,
    first_responses: {
      count: firstResponses.length,
      median_hours: roundHours(median(firstResponses.map((r) => r.business_hours))),
      breaches: firstResponses.filter((r) => r.over_sla).length,
    },
  };
}
