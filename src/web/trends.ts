import type { Verdict } from "../expectations/index.js";
import type { Period } from "../metrics/index.js";
import type { ReviewActivityReport } from "../reports/index.js";
import type { DashboardScope } from "./dashboard-scopes.js";

export interface TrendPoint {
  period: Period;
  value: number | null;
  /** For an expectation line: its verdict in that period. */
  status?: Verdict;
}

/** One measure of a team over periods, oldest first: what a trend chart draws. */
export interface TrendSeries {
  id: string;
  label: string;
  unit: "count" | "hours" | "share";
  /** Which way is better for this measure; null when neither is. */
  better: "up" | "down" | null;
  points: TrendPoint[];
}

/**
 * A team's trends (issue "Trends and teams"): its measures over the given periods. Undefined
 * while some period is still being computed.
 */
export type TrendSource = (
  scope: DashboardScope,
  periods: readonly Period[],
) => Promise<TrendSeries[] | undefined>;

const MEASURES: readonly (Omit<TrendSeries, "points"> & {
  value(report: ReviewActivityReport): number | null;
})[] = [
  {
    id: "pull_requests.opened",
    label: "Pull requests opened",
    unit: "count",
    better: null,
    value: (r) => r.pull_requests.opened,
  },
  {
    id: "pull_requests.merged",
    label: "Pull requests merged",
    unit: "count",
    better: null,
    value: (r) => r.pull_requests.merged,
  },
  {
    id: "pull_requests.median_time_to_first_review_hours",
    label: "Time to first review (median, business hours)",
    unit: "hours",
    better: "down",
    value: (r) => r.pull_requests.median_time_to_first_review_hours,
  },
  {
    id: "review_requests.median_answer_hours",
    label: "Review request answer time (median, business hours)",
    unit: "hours",
    better: "down",
    value: (r) => r.review_requests.median_answer_hours,
  },
  {
    id: "participation.share_reviewing",
    label: "Members who reviewed",
    unit: "share",
    better: "up",
    value: (r) => r.participation.share_reviewing,
  },
  {
    id: "pull_requests.merged_without_approval",
    label: "Merged without approval",
    unit: "count",
    better: "down",
    value: (r) => r.pull_requests.merged_without_approval,
  },
  {
    id: "customer_issues.median_first_response_hours",
    label: "Customer first response (median, business hours)",
    unit: "hours",
    better: "down",
    value: (r) => r.customer_issues.median_first_response_hours,
  },
];

/**
 * Trends from the review-activity report run period by period: exactly the figures each
 * period's report shows (issue 12's own series can replace this behind the same interface).
 */
export function reportTrends(
  report: (scope: DashboardScope, period: Period) => Promise<ReviewActivityReport | undefined>,
): TrendSource {
  return async (scope, periods) => {
    const ordered = [...periods].sort((a, b) => a.since - b.since);
    // Asked together, so periods still being computed are waited for once, not one by one.
    const found = await Promise.all(ordered.map((period) => report(scope, period)));
    if (found.some((r) => r === undefined)) return undefined;
    const reports = ordered.map((period, i) => ({
      period,
      report: found[i] as ReviewActivityReport,
    }));
    const measures: TrendSeries[] = MEASURES.map(({ value, ...measure }) => ({
      ...measure,
      points: reports.map(({ period, report: r }) => ({ period, value: value(r) })),
    }));
    const lines = (reports[0]?.report.expectations ?? []).filter((e) => e.measure !== null);
    const verdicts: TrendSeries[] = lines.map((line) => ({
      id: `expectation:${line.id}`,
      label: line.measure ?? line.text,
      unit: "count",
      better: null,
      points: reports.map(({ period, report: r }) => {
        const found = r.expectations.find((e) => e.id === line.id);
        return { period, value: found?.value ?? null, status: found?.status ?? "not_measured" };
      }),
    }));
    return [...measures, ...verdicts];
  };
}
