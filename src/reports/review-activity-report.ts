import type { ExpectationsConfig } from "../config/index.js";
import {
  type ExpectationResult,
  evaluateExpectations,
  type ReleaseSummary,
} from "../expectations/index.js";
import { plural } from "../markdown/index.js";
import {
  type ActivityIndex,
  type ActivityMeasures,
  asOf,
  type CustomerResponse,
  type DurationSummary,
  indexActivity,
  type MeasureContext,
  measureActivity,
  type PersonParticipation,
  type PullRequestCounts,
  type TeamParticipation,
  type WaitingItem,
} from "../metrics/index.js";
import { type OpenGap, recordGapNotice } from "../release/index.js";
import type { Activity, MembershipSpan } from "../store/index.js";
import { type ReleaseSettings, releaseSummaries } from "./release-summaries.js";
import type { ReportTrends } from "./report-trends.js";

export interface ReportScope {
  kind: "repository" | "team";
  /** "owner/name" for a repository, the team's name from config for a team. */
  name: string;
}

export interface ReportPerson extends PersonParticipation {
  /** A member of the team (listed in config, or inferred from author association). */
  member: boolean;
}

/** A waiting item as reported: the same as the metric's, with `since` as an ISO time. */
export interface ReportWaitingItem extends Omit<WaitingItem, "since"> {
  since: string;
}

export interface ReportAwaitingIssue {
  repository: string;
  number: number;
  title: string;
  author: string;
  since: string;
  business_hours: number;
  wall_hours: number;
  over_sla: boolean;
}

/** The review-activity report: what `expectations report --format json` prints. */
export interface ReviewActivityReport {
  /** The repository, or the team's name for a team report. */
  repository: string;
  scope: ReportScope & { repositories: string[] };
  period: { since: string; until: string };
  /** Pending work is as of this instant (the end of the period, or now if earlier). */
  as_of: string;
  time_zone: string;
  /** What counts as business time, e.g. "Mon–Fri, 09:00–17:00, Europe/Berlin, 3 holidays". */
  business_time: string;
  /** Private repositories left out because the report goes to a public repository. */
  excluded_private_repositories: number;
  members: { logins: string[]; inferred: boolean };
  sla: ExpectationsConfig["sla"];
  expectations: ExpectationResult[];
  pull_requests: PullRequestCounts & {
    median_time_to_first_review_hours: number | null;
    p90_time_to_first_review_hours: number | null;
    median_time_to_first_review_wall_hours: number | null;
    first_reviews: number;
    waiting_for_first_review: number;
    median_cycle_time_hours: number | null;
    p90_cycle_time_hours: number | null;
    median_cycle_time_wall_hours: number | null;
    merged_without_approval: number;
    self_merged_without_approval: number;
    merged_without_review: number;
  };
  review_requests: {
    answered: number;
    median_answer_hours: number | null;
    p90_answer_hours: number | null;
    median_answer_wall_hours: number | null;
    answered_after_sla: number;
  };
  people: ReportPerson[];
  participation: TeamParticipation;
  unblock: ReportWaitingItem[];
  customer_issues: Omit<CustomerResponse, "awaiting" | "first_response" | "responders"> & {
    /** Customer issues opened in the period that got a first response. */
    first_responses: number;
    median_first_response_hours: number | null;
    p90_first_response_hours: number | null;
    median_first_response_wall_hours: number | null;
    awaiting: ReportAwaitingIssue[];
  };
  releases: ReleaseSummary[];
  first_review_by_week: { week: string; count: number; median_hours: number }[];
  /** The measures over this period and the ones before it, when asked for. */
  trends?: ReportTrends;
  /** Only while the period overlaps an open gap in the record (recordGapNotice). */
  record_notice?: string;
}

export interface ReportInput {
  scope: ReportScope;
  activity: Activity;
  context: MeasureContext;
  config: ExpectationsConfig;
  /** The team's members when the report is for a team from `reports.teams`. */
  members?: readonly string[] | undefined;
  /** For a team from GitHub (`github_team`): when each member was in it; takes the place of `members`. */
  memberSpans?: ReadonlyMap<string, readonly MembershipSpan[]> | undefined;
  milestoneItems: ReadonlyMap<number, { open: number; closed: number }>;
  excludedPrivateRepositories?: number;
  /** The installation's open gaps in the record. */
  recordGaps?: readonly OpenGap[];
}

/** Hours to two decimals: enough to check by hand, no float noise. */
export function roundHours(value: number): number;
export function roundHours(value: number | null): number | null;
export function roundHours(value: number | null): number | null {
  return value === null ? null : Math.round(value * 100) / 100;
}

const iso = (ms: number) => new Date(ms).toISOString();

const DAY_NAMES = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** "Mon–Fri, 09:00–17:00, Europe/Berlin, 3 holidays": what the hours in the report count. */
export function describeBusinessTime(
  config: Pick<ExpectationsConfig, "workdays" | "core_hours" | "timezone" | "holidays">,
): string {
  const days = [...config.workdays].sort((a, b) => a - b);
  const contiguous = days.every((day, i) => i === 0 || day === (days[i - 1] as number) + 1);
  const dayText =
    contiguous && days.length > 2
      ? `${DAY_NAMES[days[0] as number]}–${DAY_NAMES[days[days.length - 1] as number]}`
      : days.map((day) => DAY_NAMES[day]).join(", ");
  const hours = config.core_hours
    ? `${config.core_hours.start}–${config.core_hours.end}`
    : "whole days";
  const holidays = config.holidays.dates.length;
  return `${dayText}, ${hours}, ${config.timezone}${holidays > 0 ? `, ${plural(holidays, "holiday")}` : ""}`;
}

function durations(summary: DurationSummary) {
  return {
    median: roundHours(summary.median_hours),
    p90: roundHours(summary.p90_hours),
    wall: roundHours(summary.median_wall_hours),
  };
}

/** The measures a report is made of, and the settings its releases are judged with. */
export function measureReport(input: ReportInput): {
  index: ActivityIndex;
  measures: ActivityMeasures;
  releaseSettings: ReleaseSettings;
} {
  const { activity, context, config } = input;
  const index = indexActivity(activity, context.bots);
  const measures = measureActivity(index, context, {
    members: input.members ?? config.team,
    memberSpans: input.memberSpans,
    sla: config.sla,
    customerLabels: config.customer.labels,
    rcaLabels: config.rca.labels,
  });
  const releaseSettings = {
    warnWithinBusinessDays: config.release.warn_within_business_days,
    milestoneItems: input.milestoneItems,
  };
  return { index, measures, releaseSettings };
}

/** Builds the report from activity already loaded (and already filtered for privacy). */
export function reviewActivityReport(input: ReportInput): ReviewActivityReport {
  const { activity, context, config } = input;
  const { index, measures, releaseSettings } = measureReport(input);
  const releases = releaseSummaries(index, context, releaseSettings);
  const expectations = evaluateExpectations({ measures, releases, sla: config.sla }).map((e) => ({
    ...e,
    value: e.value === null ? null : Math.round(e.value * 1000) / 1000,
  }));

  const people: ReportPerson[] = measures.people.map((person) => ({
    ...person,
    member: measures.members.logins.has(person.login),
    median_request_answer_hours: roundHours(person.median_request_answer_hours),
    p90_request_answer_hours: roundHours(person.p90_request_answer_hours),
    median_request_answer_wall_hours: roundHours(person.median_request_answer_wall_hours),
  }));
  // Listed members who did nothing in the period belong in the table too.
  if (!measures.members.inferred) {
    const seen = new Set(people.map((p) => p.login));
    for (const login of [...measures.members.logins].sort()) {
      if (seen.has(login)) continue;
      people.push({
        login,
        member: true,
        reviews: 0,
        prs_reviewed: 0,
        requests_received: 0,
        requests_answered: 0,
        requests_unanswered: 0,
        requests_pending: 0,
        median_request_answer_hours: null,
        p90_request_answer_hours: null,
        median_request_answer_wall_hours: null,
      });
    }
  }

  const { timings, customers } = measures;
  const firstReview = durations(timings.time_to_first_review);
  const cycle = durations(timings.cycle_time);
  const answers = durations(measures.requestAnswers);
  const firstResponse = durations(customers.first_response);
  const repositories = activity.repositories.map((r) => r.fullName).sort();
  const {
    awaiting,
    first_response: _firstResponse,
    responders: _responders,
    ...customerCounts
  } = customers;
  const recordNotice = recordGapNotice(
    input.recordGaps ?? [],
    context.period,
    context.calendar.timezone,
  );
  return {
    ...(recordNotice ? { record_notice: recordNotice } : {}),
    repository: input.scope.name,
    scope: { ...input.scope, repositories },
    period: { since: iso(context.period.since), until: iso(context.period.until) },
    as_of: iso(asOf(context)),
    time_zone: context.calendar.timezone,
    business_time: describeBusinessTime(config),
    excluded_private_repositories: input.excludedPrivateRepositories ?? 0,
    members: { logins: [...measures.members.logins].sort(), inferred: measures.members.inferred },
    sla: config.sla,
    expectations,
    pull_requests: {
      ...measures.pullRequests,
      median_time_to_first_review_hours: firstReview.median,
      p90_time_to_first_review_hours: firstReview.p90,
      median_time_to_first_review_wall_hours: firstReview.wall,
      first_reviews: timings.time_to_first_review.count,
      waiting_for_first_review: timings.waiting_for_first_review,
      median_cycle_time_hours: cycle.median,
      p90_cycle_time_hours: cycle.p90,
      median_cycle_time_wall_hours: cycle.wall,
      merged_without_approval: timings.merged_without_approval,
      self_merged_without_approval: timings.self_merged_without_approval,
      merged_without_review: timings.merged_without_review,
    },
    review_requests: {
      answered: measures.requestAnswers.count,
      median_answer_hours: answers.median,
      p90_answer_hours: answers.p90,
      median_answer_wall_hours: answers.wall,
      answered_after_sla: measures.lateRequestAnswers,
    },
    people,
    participation: {
      ...measures.participation,
      share_reviewing:
        measures.participation.share_reviewing === null
          ? null
          : Math.round(measures.participation.share_reviewing * 1000) / 1000,
      top_reviewer: measures.participation.top_reviewer && {
        ...measures.participation.top_reviewer,
        share: Math.round(measures.participation.top_reviewer.share * 1000) / 1000,
      },
    },
    unblock: measures.unblock.map((item) => ({
      ...item,
      since: iso(item.since),
      business_hours: roundHours(item.business_hours),
      wall_hours: roundHours(item.wall_hours),
    })),
    customer_issues: {
      ...customerCounts,
      first_responses: customers.first_response.count,
      median_first_response_hours: firstResponse.median,
      p90_first_response_hours: firstResponse.p90,
      median_first_response_wall_hours: firstResponse.wall,
      awaiting: awaiting.map((issue) => ({
        ...issue,
        since: iso(issue.since),
        business_hours: roundHours(issue.business_hours),
        wall_hours: roundHours(issue.wall_hours),
      })),
    },
    releases,
    first_review_by_week: timings.first_review_by_week.map((week) => ({
      ...week,
      median_hours: roundHours(week.median_hours),
    })),
  };
}
