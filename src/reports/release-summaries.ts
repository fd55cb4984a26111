import type { ReleasePullRequest, ReleaseSummary } from "../expectations/index.js";
import { type ActivityIndex, asOf, isDraftAt, type MeasureContext } from "../metrics/index.js";
import {
  type PullRequestReadiness,
  pullRequestReadiness,
  type ReleaseRules,
} from "../release/index.js";
import type { MilestoneRow, PullRequestRow } from "../store/index.js";
import { releaseDateFromDueOn } from "../time/index.js";
import { reportedMilestones } from "./reported-milestones.js";

export interface ReleaseSettings {
  warnWithinBusinessDays: number;
  /** PRs and issues of each milestone, open and closed at the evaluation instant. */
  milestoneItems: ReadonlyMap<number, { open: number; closed: number }>;
}

/** The pull requests of each milestone, by its id. */
function pullRequestsByMilestone(index: ActivityIndex): Map<number, PullRequestRow[]> {
  const byMilestone = new Map<number, PullRequestRow[]>();
  for (const pr of index.pullRequests.values()) {
    if (pr.milestoneId === null) continue;
    const list = byMilestone.get(pr.milestoneId);
    if (list) list.push(pr);
    else byMilestone.set(pr.milestoneId, [pr]);
  }
  return byMilestone;
}

/** The release-readiness verdict of each pull request of a milestone open at the instant. */
function openPullRequestsReadiness(
  index: ActivityIndex,
  milestone: MilestoneRow,
  prs: readonly PullRequestRow[],
  rules: ReleaseRules,
  at: number,
): PullRequestReadiness[] {
  return prs
    .filter((pr) => pr.createdAt <= at && (pr.closedAt === null || pr.closedAt > at))
    .map((pr) =>
      pullRequestReadiness(
        {
          pullRequest: { ...pr, draft: isDraftAt(index.drafts.get(pr.pullRequestId) ?? [], at) },
          milestone: asOpenMilestone(milestone, at),
          reviews: (index.reviews.get(pr.pullRequestId) ?? []).filter((r) => r.submittedAt <= at),
          reviewRequests: (index.requests.get(pr.pullRequestId) ?? []).filter(
            (r) => r.requestedAt <= at,
          ),
        },
        rules,
        new Date(at),
      ),
    );
}

/** An open pull request as the release lists it: whether it is approved, what it waits for. */
function releasePullRequest(index: ActivityIndex, r: PullRequestReadiness): ReleasePullRequest {
  return {
    repository:
      index.repositoryNames.get(r.pullRequest.repositoryId) ?? String(r.pullRequest.repositoryId),
    number: r.pullRequest.number,
    title: r.pullRequest.title,
    author: r.pullRequest.author.login,
    approved: r.approval.approved,
    waiting_for: r.waitingOn.kind,
    waiting_on: r.waitingOn.on,
  };
}

/** Where one milestone's release stands at the instant of the context. */
function releaseSummary(
  index: ActivityIndex,
  context: MeasureContext,
  settings: ReleaseSettings,
  milestone: MilestoneRow,
  prs: readonly PullRequestRow[],
): ReleaseSummary {
  const at = asOf(context);
  const { calendar, period } = context;
  const releaseDate = releaseDateFromDueOn(new Date(milestone.dueOn as number));
  const end = calendar.endOfDay(releaseDate).getTime();
  const passed = end <= at;
  const rules = { calendar, warnWithinBusinessDays: settings.warnWithinBusinessDays };
  const readiness = openPullRequestsReadiness(index, milestone, prs, rules, at);
  // Only known when the release date ended inside the loaded activity (open at or after `since`).
  const pendingAtRelease =
    passed && end >= period.since
      ? prs.filter((pr) => pr.createdAt < end && (pr.closedAt === null || pr.closedAt >= end))
          .length
      : null;
  const daysLeft = calendar.businessDaysBetween(calendar.localDate(new Date(at)), releaseDate);
  const items = settings.milestoneItems.get(milestone.milestoneId) ?? { open: 0, closed: 0 };
  const status: ReleaseSummary["status"] = passed
    ? (pendingAtRelease ?? readiness.length) > 0
      ? "missed"
      : "met"
    : readiness.some((r) => r.status === "at_risk")
      ? "at_risk"
      : "on_track";
  return {
    repository: index.repositoryNames.get(milestone.repositoryId) ?? String(milestone.repositoryId),
    milestone: milestone.title,
    milestone_number: milestone.number,
    milestone_state:
      milestone.state === "closed" && (milestone.closedAt ?? 0) <= at ? "closed" : "open",
    release_date: releaseDate,
    business_days_left: daysLeft,
    inside_warning_window: !passed && daysLeft <= settings.warnWithinBusinessDays,
    on_business_day: calendar.isBusinessDay(releaseDate),
    passed,
    passed_in_period: passed && end > period.since,
    pending_at_release_date: pendingAtRelease,
    open_pull_requests: readiness.map((r) => releasePullRequest(index, r)),
    open_items: items.open,
    closed_items: items.closed,
    status,
  };
}

/**
 * Where each release stands: every open milestone with a due date, and closed ones whose
 * release date ended in the period. Per-PR verdicts are the release-readiness rules.
 */
export function releaseSummaries(
  index: ActivityIndex,
  context: MeasureContext,
  settings: ReleaseSettings,
): ReleaseSummary[] {
  const byMilestone = pullRequestsByMilestone(index);
  return reportedMilestones(index.activity.milestones, context)
    .map((milestone) =>
      releaseSummary(
        index,
        context,
        settings,
        milestone,
        byMilestone.get(milestone.milestoneId) ?? [],
      ),
    )
    .sort(
      (a, b) =>
        a.release_date.localeCompare(b.release_date) ||
        a.repository.localeCompare(b.repository) ||
        a.milestone.localeCompare(b.milestone),
    );
}

/** The milestone as it was at the instant: closing it later does not change its verdict then. */
function asOpenMilestone(milestone: MilestoneRow, at: number): MilestoneRow {
  return milestone.state === "closed" && (milestone.closedAt ?? 0) > at
    ? { ...milestone, state: "open", closedAt: null }
    : milestone;
}
