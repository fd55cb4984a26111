import type { PullRequestRow, ReviewRow } from "../store/index.js";
import type { LocalDate } from "../time/index.js";
import { activeTime, type Hours } from "./active-time.js";
import type { ActivityIndex } from "./activity-index.js";
import { asOf, type MeasureContext } from "./measure-context.js";
import { inPeriod } from "./period.js";
import { median, quantile } from "./quantile.js";

/** Summary of durations in hours: business time with the wall-clock median beside it. */
export interface DurationSummary {
  count: number;
  median_hours: number | null;
  p90_hours: number | null;
  median_wall_hours: number | null;
}

export interface PullRequestTimings {
  /** PRs by people that became ready for review in the period: ready time -> first review. */
  time_to_first_review: DurationSummary;
  /** Of those, the ones with no review yet. */
  waiting_for_first_review: number;
  /** Of the reviewed ones, those whose first review came after the SLA. */
  late_first_reviews: number;
  /** PRs by people merged in the period: ready time -> merge, draft time left out. */
  cycle_time: DurationSummary;
  /** Merged in the period with no approval by someone other than the author before the merge. */
  merged_without_approval: number;
  /** Of those, merged by their own author. */
  self_merged_without_approval: number;
  /** Merged in the period with no review at all by someone other than the author. */
  merged_without_review: number;
  /** Median business hours to first review per week (Monday, local date) in which PRs became ready. */
  first_review_by_week: { week: LocalDate; count: number; median_hours: number }[];
}

export function summarizeDurations(durations: readonly Hours[]): DurationSummary {
  const business = durations.map((d) => d.business);
  return {
    count: durations.length,
    median_hours: median(business),
    p90_hours: quantile(business, 0.9),
    median_wall_hours: median(durations.map((d) => d.wall)),
  };
}

/** The first review by someone other than the author and not a bot. */
export function firstPeerReview(
  index: ActivityIndex,
  pr: PullRequestRow,
  until = Number.POSITIVE_INFINITY,
): ReviewRow | undefined {
  const first = index.peerReviews.get(pr.pullRequestId)?.[0];
  return first && first.submittedAt <= until ? first : undefined;
}

const DAY_MS = 86_400_000;

const weeks = new Map<LocalDate, LocalDate>();

/** The Monday of the week a local date is in. */
function weekOf(date: LocalDate): LocalDate {
  let week = weeks.get(date);
  if (week === undefined) {
    const ms = Date.parse(`${date}T00:00:00Z`);
    const weekday = (new Date(ms).getUTCDay() + 6) % 7;
    week = new Date(ms - weekday * DAY_MS).toISOString().slice(0, 10);
    weeks.set(date, week);
  }
  return week;
}

export function pullRequestTimings(
  index: ActivityIndex,
  context: MeasureContext,
  firstReviewSlaHours: number = Number.POSITIVE_INFINITY,
): PullRequestTimings {
  const { period, calendar } = context;
  const at = asOf(context);
  const firstReviews: Hours[] = [];
  const byWeek = new Map<LocalDate, number[]>();
  const cycles: Hours[] = [];
  let waiting = 0;
  let withoutApproval = 0;
  let selfMerged = 0;
  let withoutReview = 0;

  for (const pr of index.pullRequests.values()) {
    if (index.isBot(pr.author)) continue;
    const drafts = index.drafts.get(pr.pullRequestId) ?? [];
    if (pr.readyAt !== null && inPeriod(pr.readyAt, period)) {
      const first = firstPeerReview(index, pr, at);
      if (first) {
        const waited = activeTime(calendar, pr.readyAt, first.submittedAt, drafts);
        firstReviews.push(waited);
        const week = weekOf(calendar.localDate(new Date(pr.readyAt)));
        const list = byWeek.get(week);
        if (list) list.push(waited.business);
        else byWeek.set(week, [waited.business]);
      } else if (pr.closedAt === null || pr.closedAt > at) {
        waiting += 1;
      }
    }
    if (pr.mergedAt !== null && inPeriod(pr.mergedAt, period)) {
      const mergedAt = pr.mergedAt;
      if (pr.readyAt !== null) cycles.push(activeTime(calendar, pr.readyAt, mergedAt, drafts));
      const peerReviews = (index.peerReviews.get(pr.pullRequestId) ?? []).filter(
        (review) => review.submittedAt <= mergedAt,
      );
      if (peerReviews.length === 0) withoutReview += 1;
      // A dismissed approval no longer approves, as on GitHub.
      if (!peerReviews.some((review) => review.state === "APPROVED" && !review.dismissed)) {
        withoutApproval += 1;
        if (pr.mergedBy === pr.author.login) selfMerged += 1;
      }
    }
  }

  return {
    time_to_first_review: summarizeDurations(firstReviews),
    waiting_for_first_review: waiting,
    late_first_reviews: firstReviews.filter((d) => d.business > firstReviewSlaHours).length,
    cycle_time: summarizeDurations(cycles),
    merged_without_approval: withoutApproval,
    self_merged_without_approval: selfMerged,
    merged_without_review: withoutReview,
    first_review_by_week: [...byWeek.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([week, hours]) => ({ week, count: hours.length, median_hours: median(hours) ?? 0 })),
  };
}
