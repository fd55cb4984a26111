import { plural } from "../markdown/index.js";
import {
  type Figure,
  measured,
  notMeasured as notMeasuredFigure,
  type Unit,
} from "../metrics/index.js";
import type { ReleaseSummary } from "./release-facts.js";

export type Verdict = "met" | "at_risk" | "missed" | "not_measured";

/** A verdict with its headline number and the words a person reads. */
export interface Evaluation {
  status: Verdict;
  /** The headline number, already rounded as it is shown; null when there is none. */
  value: number | null;
  value_text: string;
  /** Why there is no value although a verdict was reached (breaches, and nothing answered). */
  valueMissing?: string;
}

/** The evaluation's headline number as a figure in `unit`: not measured, with why, when null. */
export function evaluationFigure(evaluation: Evaluation, unit: Unit): Figure {
  return evaluation.value === null
    ? notMeasuredFigure(unit, evaluation.valueMissing ?? evaluation.value_text)
    : measured(evaluation.value, unit);
}

/** `part / whole` as the ratio every output shows (three decimals), so verdicts decide on it. */
export const ratio = (part: number, whole: number): number =>
  measured(part / whole, "ratio").value as number;

/** Business hours as every output shows them (two decimals), so verdicts decide on them. */
export const businessHours = (value: number | null): number | null =>
  value === null ? null : measured(value, "business_hours").value;

export const percent = (share: number) => `${Math.round(share * 100)}%`;
export const hours = (value: number | null) => (value === null ? "–" : `${value.toFixed(1)} h`);
export const notMeasured = (why: string): Evaluation => ({
  status: "not_measured",
  value: null,
  value_text: why,
});

/**
 * The thresholds that turn a measure into a verdict. The team's lines and one person's lines
 * go through the same ones, so a person is judged by the rule the team is.
 */
export const verdictRules = {
  /** The share of people who reviewed at least one pull request. */
  peerReviews: (share: number): Verdict =>
    share >= 0.8 ? "met" : share >= 0.5 ? "at_risk" : "missed",
  /** Review request answer time in business hours against the SLA, and requests waiting past it. */
  answerTime: (answers: {
    median: number | null;
    p90: number | null;
    waitingPastSla: number;
    limit: number;
  }): Verdict =>
    answers.median !== null && answers.median > answers.limit
      ? "missed"
      : (answers.p90 ?? 0) <= answers.limit && answers.waitingPastSla === 0
        ? "met"
        : "at_risk",
  /**
   * Customer first responses: median business hours against the SLA, breaches, overdue ones.
   * Met only with at least one first response: no answer at all is no evidence of timely help.
   */
  firstResponse: (responses: {
    responses: number;
    median: number | null;
    breaches: number;
    overdue: number;
    limit: number;
  }): Verdict =>
    responses.median !== null && responses.median > responses.limit
      ? "missed"
      : responses.breaches === 0 && responses.overdue === 0
        ? responses.responses > 0
          ? "met"
          : "not_measured"
        : responses.median === null && responses.breaches > 0
          ? "missed"
          : "at_risk",
};

/**
 * No pending PRs by release date: pull requests still open when a release date of the period
 * ended, and unapproved ones of releases at risk. Whose pull requests they are is up to the
 * caller: a team's releases, or releases as one person's pull requests see them. Met needs a
 * release date that ended in the period or one inside the warning window: a release months
 * away says nothing yet.
 */
export function pendingAtReleaseDate(releases: readonly ReleaseSummary[]): Evaluation {
  const passed = releases.filter((r) => r.passed_in_period);
  const due = releases.filter((r) => !r.passed && r.inside_warning_window);
  if (passed.length + due.length === 0)
    return notMeasured(
      releases.some((r) => !r.passed)
        ? "no release date in the period or inside the warning window"
        : "no release date in the period or ahead",
    );
  const pending = passed.reduce((sum, r) => sum + (r.pending_at_release_date ?? 0), 0);
  const unapproved = due.reduce(
    (sum, r) =>
      sum + (r.status === "at_risk" ? r.open_pull_requests.filter((pr) => !pr.approved).length : 0),
    0,
  );
  const parts = [
    passed.length > 0
      ? `${plural(pending, "PR")} open at ${plural(passed.length, "release date")} in the period`
      : "",
    due.length > 0 ? `${unapproved} unapproved in ${plural(due.length, "release")} due soon` : "",
  ].filter(Boolean);
  return {
    status: pending > 0 ? "missed" : unapproved > 0 ? "at_risk" : "met",
    value: pending,
    value_text: parts.join("; "),
  };
}
