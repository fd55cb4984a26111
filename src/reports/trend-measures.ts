import { type Figure, notMeasured, type Unit } from "../metrics/index.js";
import type { ReviewActivityReport } from "./review-activity-report.js";

/** Which way is better for a measure; null for volumes, where more is neither better nor worse. */
export type Better = "up" | "down" | null;

export interface TrendMeasure {
  id: string;
  section: "pull_requests" | "participation";
  label: string;
  unit: Unit;
  better: Better;
  /** The figure the report's section shows: a trend point is that figure, never recomputed. */
  value(report: ReviewActivityReport): Figure;
}

/**
 * The measures of the report's pull-request and participation sections that trends follow,
 * each with the direction that is better for it, declared here beside the measure.
 */
export const TREND_MEASURES: readonly TrendMeasure[] = [
  {
    id: "pull_requests.opened",
    section: "pull_requests",
    label: "PRs opened",
    unit: "count",
    better: null,
    value: (r) => r.pull_requests.opened,
  },
  {
    id: "pull_requests.merged",
    section: "pull_requests",
    label: "PRs merged",
    unit: "count",
    better: null,
    value: (r) => r.pull_requests.merged,
  },
  {
    id: "pull_requests.closed_unmerged",
    section: "pull_requests",
    label: "PRs closed without merging",
    unit: "count",
    better: null,
    value: (r) => r.pull_requests.closed_unmerged,
  },
  {
    id: "pull_requests.open",
    section: "pull_requests",
    label: "PRs open at the end",
    unit: "count",
    better: null,
    value: (r) => r.pull_requests.open,
  },
  {
    id: "pull_requests.median_time_to_first_review_hours",
    section: "pull_requests",
    label: "Time to first review, median",
    unit: "business_hours",
    better: "down",
    value: (r) => r.pull_requests.median_time_to_first_review_hours,
  },
  {
    id: "pull_requests.p90_time_to_first_review_hours",
    section: "pull_requests",
    label: "Time to first review, 90th percentile",
    unit: "business_hours",
    better: "down",
    value: (r) => r.pull_requests.p90_time_to_first_review_hours,
  },
  {
    id: "pull_requests.waiting_for_first_review",
    section: "pull_requests",
    label: "PRs still waiting for a first review",
    unit: "count",
    better: "down",
    value: (r) => r.pull_requests.waiting_for_first_review,
  },
  {
    id: "pull_requests.median_cycle_time_hours",
    section: "pull_requests",
    label: "Ready to merge, median",
    unit: "business_hours",
    better: "down",
    value: (r) => r.pull_requests.median_cycle_time_hours,
  },
  {
    id: "pull_requests.p90_cycle_time_hours",
    section: "pull_requests",
    label: "Ready to merge, 90th percentile",
    unit: "business_hours",
    better: "down",
    value: (r) => r.pull_requests.p90_cycle_time_hours,
  },
  {
    id: "pull_requests.merged_without_approval",
    section: "pull_requests",
    label: "Merged without an approval",
    unit: "count",
    better: "down",
    value: (r) => r.pull_requests.merged_without_approval,
  },
  {
    id: "pull_requests.self_merged_without_approval",
    section: "pull_requests",
    label: "Self-merged without an approval",
    unit: "count",
    better: "down",
    value: (r) => r.pull_requests.self_merged_without_approval,
  },
  {
    id: "pull_requests.merged_without_review",
    section: "pull_requests",
    label: "Merged without any review",
    unit: "count",
    better: "down",
    value: (r) => r.pull_requests.merged_without_review,
  },
  {
    id: "participation.share_reviewing",
    section: "participation",
    label: "Members who reviewed",
    unit: "ratio",
    better: "up",
    value: (r) => r.participation.share_reviewing,
  },
  {
    id: "participation.reviews",
    section: "participation",
    label: "Reviews given",
    unit: "count",
    better: null,
    value: (r) => r.participation.reviews,
  },
  {
    // One person doing most reviews is a bus factor: a smaller share is better.
    id: "participation.top_reviewer_share",
    section: "participation",
    label: "Top reviewer's share of reviews",
    unit: "ratio",
    better: "down",
    value: (r) =>
      r.participation.top_reviewer?.share ?? notMeasured("ratio", "no reviews in the period"),
  },
  {
    id: "review_requests.median_answer_hours",
    section: "participation",
    label: "Review request answer time, median",
    unit: "business_hours",
    better: "down",
    value: (r) => r.review_requests.median_answer_hours,
  },
  {
    id: "review_requests.p90_answer_hours",
    section: "participation",
    label: "Review request answer time, 90th percentile",
    unit: "business_hours",
    better: "down",
    value: (r) => r.review_requests.p90_answer_hours,
  },
  {
    id: "review_requests.answered_after_sla",
    section: "participation",
    label: "Review requests answered after the SLA",
    unit: "count",
    better: "down",
    value: (r) => r.review_requests.answered_after_sla,
  },
];
