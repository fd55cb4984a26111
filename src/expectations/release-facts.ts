import type { LocalDate } from "../time/index.js";

/** An open PR of a release, and whether it is approved. */
export interface ReleasePullRequest {
  repository: string;
  number: number;
  title: string;
  author: string;
  approved: boolean;
  /** What it waits for next (release-readiness rules), and from whom. */
  waiting_for: "draft" | "changes" | "merge" | "review";
  waiting_on: string[];
}

/** Where one milestone with a due date stands at the evaluation instant. */
export interface ReleaseSummary {
  repository: string;
  milestone: string;
  /** The milestone's number in its repository (its page on GitHub and on the dashboard). */
  milestone_number: number;
  milestone_state: "open" | "closed";
  release_date: LocalDate;
  /** Business days from today to the release date (negative once it has passed). */
  business_days_left: number;
  /** Not passed, and no more than `release.warn_within_business_days` business days away. */
  inside_warning_window: boolean;
  /** Whether the release date is a business day (not a weekend, holiday or holiday period). */
  on_business_day: boolean;
  /** The release date ended before the evaluation instant. */
  passed: boolean;
  /** The release date ended inside the report's period. */
  passed_in_period: boolean;
  /** PRs that were still open when the release date ended (null until then). */
  pending_at_release_date: number | null;
  open_pull_requests: ReleasePullRequest[];
  /** PRs and issues of the milestone, open and closed, at the evaluation instant. */
  open_items: number;
  closed_items: number;
  status: "on_track" | "at_risk" | "missed" | "met";
}
