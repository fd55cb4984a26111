import type { ActivityIndex } from "./activity-index.js";
import { inPeriod } from "./period.js";
import { median, quantile } from "./quantile.js";
import type { RequestOutcome } from "./request-outcomes.js";

export interface PersonParticipation {
  login: string;
  /** Reviews submitted in the period on others' PRs (approved, changes requested, commented; dismissed ones too). */
  reviews: number;
  /** Distinct PRs those reviews were on. */
  prs_reviewed: number;
  /** Review requests made in the period (not removed, re-requests while pending counted once). */
  requests_received: number;
  /** Of those, the ones this reviewer answered with a review. */
  requests_answered: number;
  /** Of those, the ones whose PR closed without this reviewer's review. */
  requests_unanswered: number;
  /** Of those, the ones still waiting for this reviewer. */
  requests_pending: number;
  /** Request to review, business hours (draft time left out); null when nothing was answered. */
  median_request_answer_hours: number | null;
  p90_request_answer_hours: number | null;
  /** The same in wall-clock hours. */
  median_request_answer_wall_hours: number | null;
}

/**
 * Per-person review participation in the period: everyone who reviewed or was asked to, bots
 * and a PR author's reviews of their own PR left out; sorted by reviews given.
 */
export function reviewParticipation(
  index: ActivityIndex,
  outcomes: readonly RequestOutcome[],
  period: { since: number; until: number },
): PersonParticipation[] {
  const people = new Map<
    string,
    { reviews: number; prs: Set<number>; outcomes: RequestOutcome[] }
  >();
  const person = (login: string) => {
    let entry = people.get(login);
    if (!entry) {
      entry = { reviews: 0, prs: new Set(), outcomes: [] };
      people.set(login, entry);
    }
    return entry;
  };

  for (const [pullRequestId, reviews] of index.peerReviews) {
    for (const review of reviews) {
      if (!inPeriod(review.submittedAt, period)) continue;
      const entry = person(review.reviewer.login);
      entry.reviews += 1;
      entry.prs.add(pullRequestId);
    }
  }

  for (const outcome of outcomes) {
    const { request, status } = outcome;
    if (request.reviewerType !== "User" || !inPeriod(request.requestedAt, period)) continue;
    if (status === "removed" || status === "superseded") continue;
    person(request.reviewer).outcomes.push(outcome);
  }

  return [...people.entries()]
    .map(([login, entry]): PersonParticipation => {
      const answered = entry.outcomes.filter((o) => o.status === "answered");
      const business = answered.map((o) => o.waited?.business ?? 0);
      return {
        login,
        reviews: entry.reviews,
        prs_reviewed: entry.prs.size,
        requests_received: entry.outcomes.length,
        requests_answered: answered.length,
        requests_unanswered: entry.outcomes.filter((o) => o.status === "unanswered").length,
        requests_pending: entry.outcomes.filter((o) => o.status === "pending").length,
        median_request_answer_hours: median(business),
        p90_request_answer_hours: quantile(business, 0.9),
        median_request_answer_wall_hours: median(answered.map((o) => o.waited?.wall ?? 0)),
      };
    })
    .sort((a, b) => b.reviews - a.reviews || a.login.localeCompare(b.login));
}
