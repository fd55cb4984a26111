import { calendarFromConfig, type ExpectationsConfig } from "../config/index.js";
import { type PullRequestReadiness, pullRequestReadiness } from "../release/index.js";
import type {
  MilestoneRow,
  PullRequestRow,
  RepositoryRecord,
  ReviewRequestRow,
  ReviewRow,
} from "../store/index.js";
import { type BusinessCalendar, type LocalDate, releaseDateFromDueOn } from "../time/index.js";

export interface PullRequestStanding {
  pullRequest: PullRequestRow;
  state: "open" | "draft" | "merged" | "closed";
  /** The release-readiness verdict of an open pull request; null once it is closed. */
  readiness: PullRequestReadiness | null;
}

export interface MilestoneStanding {
  repository: RepositoryRecord;
  milestone: MilestoneRow;
  timezone: string;
  /** The due date as a calendar date (the release date); null without one. */
  releaseDate: LocalDate | null;
  /** Business days from today to the release date; negative once it has passed. */
  businessDaysLeft: number | null;
  /** The release date has ended in the team's time zone. */
  passed: boolean;
  /** missed: passed with pull requests open; released: passed with none; else as its PRs stand. */
  status: "on_track" | "at_risk" | "missed" | "released" | "not_scheduled";
  counts: {
    onTrack: number;
    atRisk: number;
    missed: number;
    open: number;
    merged: number;
    closedUnmerged: number;
  };
  /** Every pull request in the milestone, open ones first, then by number. */
  pullRequests: PullRequestStanding[];
  /** Pull requests open at the end of each day up to today (the last one as of now). */
  openByDay: { date: LocalDate; open: number }[];
  /** The last day the chart reaches: the release date, or today if that is later. */
  lastDay: LocalDate;
}

export interface MilestoneStandingInput {
  repository: RepositoryRecord;
  milestone: MilestoneRow;
  pullRequests: readonly PullRequestRow[];
  /** Reviews and review requests of the open ones. */
  reviews: readonly ReviewRow[];
  reviewRequests: readonly ReviewRequestRow[];
  config: ExpectationsConfig;
  now: Date;
  /** How many days back the open pull requests are counted, at most. */
  historyDays?: number;
}

function byPullRequest<T extends { pullRequestId: number }>(rows: readonly T[]) {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const group = groups.get(row.pullRequestId);
    if (group) group.push(row);
    else groups.set(row.pullRequestId, [row]);
  }
  return groups;
}

/**
 * Pull requests open at the end of each day, from the first one's creation (at most
 * `historyDays` back) to today; today's count is as of `now`.
 */
function openByDay(
  pullRequests: readonly PullRequestRow[],
  calendar: BusinessCalendar,
  now: Date,
  historyDays: number,
): MilestoneStanding["openByDay"] {
  const today = calendar.localDate(now);
  const firstCreated = Math.min(...pullRequests.map((pr) => pr.createdAt), now.getTime());
  let day = calendar.localDate(
    new Date(Math.max(firstCreated, now.getTime() - historyDays * 86_400_000)),
  );
  const days: MilestoneStanding["openByDay"] = [];
  for (;;) {
    const end = Math.min(calendar.endOfDay(day).getTime(), now.getTime());
    const open = pullRequests.filter(
      (pr) => pr.createdAt < end && (pr.closedAt === null || pr.closedAt >= end),
    ).length;
    days.push({ date: day, open });
    if (day >= today) break;
    day = calendar.localDate(calendar.endOfDay(day));
  }
  return days;
}

/**
 * Where a milestone stands now: each pull request's release-readiness verdict (the rules of the
 * `Release readiness` check), what they add up to, and how many were open day by day.
 */
export function milestoneStanding(input: MilestoneStandingInput): MilestoneStanding {
  const { milestone, config, now } = input;
  const calendar = calendarFromConfig(config);
  const rules = { calendar, warnWithinBusinessDays: config.release.warn_within_business_days };
  const reviews = byPullRequest(input.reviews);
  const requests = byPullRequest(input.reviewRequests);
  const counts = { onTrack: 0, atRisk: 0, missed: 0, open: 0, merged: 0, closedUnmerged: 0 };
  const pullRequests = input.pullRequests.map((pullRequest): PullRequestStanding => {
    if (pullRequest.state === "closed") {
      const merged = pullRequest.mergedAt !== null;
      if (merged) counts.merged += 1;
      else counts.closedUnmerged += 1;
      return { pullRequest, state: merged ? "merged" : "closed", readiness: null };
    }
    counts.open += 1;
    const readiness = pullRequestReadiness(
      {
        pullRequest,
        milestone,
        reviews: reviews.get(pullRequest.pullRequestId) ?? [],
        reviewRequests: requests.get(pullRequest.pullRequestId) ?? [],
      },
      rules,
      now,
    );
    if (readiness.status === "on_track") counts.onTrack += 1;
    else if (readiness.status === "at_risk") counts.atRisk += 1;
    else if (readiness.status === "missed") counts.missed += 1;
    return { pullRequest, state: pullRequest.draft ? "draft" : "open", readiness };
  });
  pullRequests.sort(
    (a, b) =>
      Number(a.readiness === null) - Number(b.readiness === null) ||
      a.pullRequest.number - b.pullRequest.number,
  );

  const today = calendar.localDate(now);
  const releaseDate =
    milestone.dueOn === null ? null : releaseDateFromDueOn(new Date(milestone.dueOn));
  const passed = releaseDate !== null && now >= calendar.endOfDay(releaseDate);
  const status: MilestoneStanding["status"] =
    releaseDate === null || milestone.deletedAt !== null
      ? "not_scheduled"
      : passed
        ? counts.open > 0
          ? "missed"
          : "released"
        : counts.atRisk > 0
          ? "at_risk"
          : "on_track";

  return {
    repository: input.repository,
    milestone,
    timezone: calendar.timezone,
    releaseDate,
    businessDaysLeft:
      releaseDate === null ? null : calendar.businessDaysBetween(today, releaseDate),
    passed,
    status,
    counts,
    pullRequests,
    openByDay: openByDay(input.pullRequests, calendar, now, input.historyDays ?? 42),
    lastDay: releaseDate !== null && releaseDate > today ? releaseDate : today,
  };
}
