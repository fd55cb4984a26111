import type { ReleaseSummary } from "../expectations/index.js";
import { type ActivityIndex, asOf, isDraftAt, type MeasureContext } from "../metrics/index.js";
import { pullRequestReadiness } from "../release/index.js";
import type { MilestoneRow } from "../store/index.js";
import { releaseDateFromDueOn } from "../time/index.js";
import { reportedMilestones } from "./reported-milestones.js";

export interface ReleaseSettings {
  warnWithinBusinessDays: number;
  /** PRs and issues of each milestone, open and closed at the evaluation instant. */
  milestoneItems: ReadonlyMap<number, { open: number; closed: number }>;
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
  const at = asOf(context);
  const { calendar, period } = context;
  const today = calendar.localDate(new Date(at));
  const byMilestone = new Map<number, typeof index.activity.pullRequests>();
  for (const pr of index.pullRequests.values()) {
    if (pr.milestoneId === null) continue;
    const list = byMilestone.get(pr.milestoneId);
    if (list) list.push(pr);
    else byMilestone.set(pr.milestoneId, [pr]);
  }

  const summaries: ReleaseSummary[] = [];
  for (const milestone of reportedMilestones(index.activity.milestones, context)) {
    const releaseDate = releaseDateFromDueOn(new Date(milestone.dueOn as number));
    const end = calendar.endOfDay(releaseDate).getTime();
    const passed = end <= at;
    const passedInPeriod = passed && end > period.since;
    const closed = milestone.state === "closed" && (milestone.closedAt ?? 0) <= at;
    const prs = byMilestone.get(milestone.milestoneId) ?? [];
    const open = prs.filter(
      (pr) => pr.createdAt <= at && (pr.closedAt === null || pr.closedAt > at),
    );
    const readiness = open.map((pr) =>
      pullRequestReadiness(
        {
          pullRequest: { ...pr, draft: isDraftAt(index.drafts.get(pr.pullRequestId) ?? [], at) },
          milestone: asOpenMilestone(milestone, at),
          reviews: (index.reviews.get(pr.pullRequestId) ?? []).filter((r) => r.submittedAt <= at),
          reviewRequests: (index.requests.get(pr.pullRequestId) ?? []).filter(
            (r) => r.requestedAt <= at,
          ),
        },
        { calendar, warnWithinBusinessDays: settings.warnWithinBusinessDays },
        new Date(at),
      ),
    );
    // Only known when the release date ended inside the loaded activity (open at or after `since`).
    const pendingAtRelease =
      passed && end >= period.since
        ? prs.filter((pr) => pr.createdAt < end && (pr.closedAt === null || pr.closedAt >= end))
            .length
        : null;
    const daysLeft = calendar.businessDaysBetween(today, releaseDate);
    const items = settings.milestoneItems.get(milestone.milestoneId) ?? { open: 0, closed: 0 };
    const status: ReleaseSummary["status"] = passed
      ? (pendingAtRelease ?? open.length) > 0
        ? "missed"
        : "met"
      : readiness.some((r) => r.status === "at_risk")
        ? "at_risk"
        : "on_track";
    summaries.push({
      repository:
        index.repositoryNames.get(milestone.repositoryId) ?? String(milestone.repositoryId),
      milestone: milestone.title,
      milestone_state: closed ? "closed" : "open",
      release_date: releaseDate,
      business_days_left: daysLeft,
      inside_warning_window: !passed && daysLeft <= settings.warnWithinBusinessDays,
      on_business_day: calendar.isBusinessDay(releaseDate),
      passed,
      passed_in_period: passedInPeriod,
      pending_at_release_date: pendingAtRelease,
      open_pull_requests: readiness.map((r) => ({
        repository:
          index.repositoryNames.get(r.pullRequest.repositoryId) ??
          String(r.pullRequest.repositoryId),
        number: r.pullRequest.number,
        title: r.pullRequest.title,
        author: r.pullRequest.author.login,
        approved: r.approval.approved,
        waiting_for: r.waitingOn.kind,
        waiting_on: r.waitingOn.on,
      })),
      open_items: items.open,
      closed_items: items.closed,
      status,
    });
  }
  return summaries.sort(
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
