import type { ExpectationsConfig } from "../config/index.js";
import {
  type ExpectationResult,
  evaluateExpectations,
  type ReleaseSummary,
} from "../expectations/index.js";
import { plural } from "../markdown/index.js";
import {
  type ActivityFigures,
  type ActivityIndex,
  type ActivityMeasures,
  activityFigures,
  asOf,
  type Figure,
  figureOf,
  indexActivity,
  type MeasureContext,
  measureActivity,
  measured,
  type PersonParticipation,
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

/** One person's review participation in the period, every number a figure with its unit. */
export interface ReportPerson {
  login: string;
  /** A member of the team (listed in config, or inferred from author association). */
  member: boolean;
  reviews: Figure;
  prs_reviewed: Figure;
  /** Requests made in the period: answered + unanswered + pending. */
  requests_received: Figure;
  requests_answered: Figure;
  requests_unanswered: Figure;
  requests_pending: Figure;
  median_request_answer_hours: Figure;
  p90_request_answer_hours: Figure;
  median_request_answer_wall_hours: Figure;
}

/** A waiting item as reported: the metric's, with `since` as an ISO time and hours as figures. */
export interface ReportWaitingItem
  extends Omit<WaitingItem, "since" | "business_hours" | "wall_hours" | "sla_hours"> {
  since: string;
  business_hours: Figure;
  wall_hours: Figure;
  sla_hours: Figure;
}

export interface ReportAwaitingIssue {
  repository: string;
  number: number;
  title: string;
  author: string;
  since: string;
  business_hours: Figure;
  wall_hours: Figure;
  over_sla: boolean;
}

/** A release as reported: its summary, with its numbers as figures. */
export interface ReportRelease
  extends Omit<
    ReleaseSummary,
    "business_days_left" | "pending_at_release_date" | "open_items" | "closed_items"
  > {
  business_days_left: Figure;
  /** Not measured until the release date has ended (or when it ended before the period). */
  pending_at_release_date: Figure;
  open_items: Figure;
  closed_items: Figure;
}

/**
 * The review-activity report: what `expectations report --format json` prints. Every number
 * that measures something is a figure, `{ value, unit }`, or `{ value: null, unit,
 * not_measured }` with the reason; each is computed once and every output shows that one value.
 */
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
  excluded_private_repositories: Figure;
  members: { logins: string[]; inferred: boolean };
  sla: ExpectationsConfig["sla"];
  expectations: ExpectationResult[];
  pull_requests: ActivityFigures["pull_requests"];
  review_requests: ActivityFigures["review_requests"];
  people: ReportPerson[];
  participation: ActivityFigures["participation"];
  unblock: ReportWaitingItem[];
  customer_issues: ActivityFigures["customer_issues"] & { awaiting: ReportAwaitingIssue[] };
  releases: ReportRelease[];
  first_review_by_week: { week: string; median_hours: Figure; count: Figure }[];
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

/** The measures a report is made of, and the settings its releases are judged with. */
export function measureReport(input: ReportInput): {
  index: ActivityIndex;
  measures: ActivityMeasures;
  figures: ActivityFigures;
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
  return { index, measures, figures: activityFigures(measures), releaseSettings };
}

const count = (value: number) => measured(value, "count");

/** One person's figures; listed members who did nothing in the period are all zero. */
function reportPerson(person: PersonParticipation, member: boolean): ReportPerson {
  const answer = "no review request to them answered in the period";
  return {
    login: person.login,
    member,
    reviews: count(person.reviews),
    prs_reviewed: count(person.prs_reviewed),
    requests_received: count(person.requests_received),
    requests_answered: count(person.requests_answered),
    requests_unanswered: count(person.requests_unanswered),
    requests_pending: count(person.requests_pending),
    median_request_answer_hours: figureOf(
      person.median_request_answer_hours,
      "business_hours",
      answer,
    ),
    p90_request_answer_hours: figureOf(person.p90_request_answer_hours, "business_hours", answer),
    median_request_answer_wall_hours: figureOf(
      person.median_request_answer_wall_hours,
      "hours",
      answer,
    ),
  };
}

/** A waiting item as a report (and one person's ladder) shows it. */
export function reportWaitingItem(item: WaitingItem): ReportWaitingItem {
  return {
    ...item,
    since: iso(item.since),
    business_hours: measured(item.business_hours, "business_hours"),
    wall_hours: measured(item.wall_hours, "hours"),
    sla_hours: measured(item.sla_hours, "business_hours"),
  };
}

function reportRelease(release: ReleaseSummary): ReportRelease {
  return {
    ...release,
    business_days_left: measured(release.business_days_left, "days"),
    pending_at_release_date: figureOf(
      release.pending_at_release_date,
      "count",
      release.passed
        ? "the release date ended before the period"
        : "the release date has not ended yet",
    ),
    open_items: count(release.open_items),
    closed_items: count(release.closed_items),
  };
}

/** Builds the report from activity already loaded (and already filtered for privacy). */
export function reviewActivityReport(input: ReportInput): ReviewActivityReport {
  const { activity, context, config } = input;
  const { index, measures, figures, releaseSettings } = measureReport(input);
  const releases = releaseSummaries(index, context, releaseSettings);
  const businessTime = describeBusinessTime(config);
  const expectations = evaluateExpectations({
    measures,
    figures,
    releases,
    sla: config.sla,
    businessTime,
  });
  const people = measures.people.map((person) =>
    reportPerson(person, measures.members.logins.has(person.login)),
  );
  // Listed members who did nothing in the period belong in the table too.
  if (!measures.members.inferred) {
    const seen = new Set(people.map((p) => p.login));
    for (const login of [...measures.members.logins].sort()) {
      if (seen.has(login)) continue;
      people.push(
        reportPerson(
          {
            login,
            reviews: 0,
            prs_reviewed: 0,
            requests_received: 0,
            requests_answered: 0,
            requests_unanswered: 0,
            requests_pending: 0,
            median_request_answer_hours: null,
            p90_request_answer_hours: null,
            median_request_answer_wall_hours: null,
          },
          true,
        ),
      );
    }
  }

  const repositories = activity.repositories.map((r) => r.fullName).sort();
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
    business_time: businessTime,
    excluded_private_repositories: count(input.excludedPrivateRepositories ?? 0),
    members: { logins: [...measures.members.logins].sort(), inferred: measures.members.inferred },
    sla: config.sla,
    expectations,
    pull_requests: figures.pull_requests,
    review_requests: figures.review_requests,
    people,
    participation: figures.participation,
    unblock: measures.unblock.map(reportWaitingItem),
    customer_issues: {
      ...figures.customer_issues,
      awaiting: measures.customers.awaiting.map((issue) => ({
        ...issue,
        since: iso(issue.since),
        business_hours: measured(issue.business_hours, "business_hours"),
        wall_hours: measured(issue.wall_hours, "hours"),
      })),
    },
    releases: releases.map(reportRelease),
    first_review_by_week: measures.timings.first_review_by_week.map((week) => ({
      week: week.week,
      median_hours: measured(week.median_hours, "business_hours"),
      count: count(week.count),
    })),
  };
}
