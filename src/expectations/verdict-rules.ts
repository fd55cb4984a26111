import { plural } from "../markdown/index.js";
import type { ReleaseSummary } from "./release-facts.js";

export type Verdict = "met" | "at_risk" | "missed" | "not_measured";

/** A verdict with its headline number and the words a person reads. */
export interface Evaluation {
  status: Verdict;
  value: number | null;
  value_text: string;
}

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
  /** Customer first responses: median business hours against the SLA, breaches, overdue ones. */
  firstResponse: (responses: {
    median: number | null;
    breaches: number;
    overdue: number;
    limit: number;
  }): Verdict =>
    responses.median !== null && responses.median > responses.limit
      ? "missed"
      : responses.breaches === 0 && responses.overdue === 0
        ? "met"
        : responses.median === null && responses.breaches > 0
          ? "missed"
          : "at_risk",
};

/**
 * No pending PRs by release date: pull requests still open when a release date of the period
 * ended, and unapproved ones of releases at risk. Whose pull requests they are is up to the
 * caller: a team's releases, or releases as one person's pull requests see them.
 */
export function pendingAtReleaseDate(releases: readonly ReleaseSummary[]): Evaluation {
  const passed = releases.filter((r) => r.passed_in_period);
  const soon = releases.filter((r) => !r.passed && r.status === "at_risk");
  if (passed.length === 0 && soon.length === 0 && !releases.some((r) => !r.passed))
    return notMeasured("no release date in the period or ahead");
  const pending = passed.reduce((sum, r) => sum + (r.pending_at_release_date ?? 0), 0);
  const unapproved = soon.reduce(
    (sum, r) => sum + r.open_pull_requests.filter((pr) => !pr.approved).length,
    0,
  );
  const parts = [
    passed.length > 0
      ? `${plural(pending, "PR")} open at ${plural(passed.length, "release date")} in the period`
      : "",
    soon.length > 0 ? `${unapproved} unapproved in ${plural(soon.length, "release")} due soon` : "",
  ].filter(Boolean);
  return {
    status: pending > 0 ? "missed" : unapproved > 0 ? "at_risk" : "met",
    value: pending,
    value_text: parts.length > 0 ? parts.join("; ") : "no release due inside the warning window",
  };
}
