import type { Activity } from "../store/index.js";
import { isBot } from "./is-bot.js";
import { inPeriod, type Period } from "./period.js";

export interface PersonParticipation {
  login: string;
  /** Reviews submitted in the period on others' PRs (approved, changes requested, commented; dismissed ones too). */
  reviews: number;
  /** Distinct PRs those reviews were on. */
  prs_reviewed: number;
  /** Review requests made in the period and not removed. */
  requests_received: number;
  /** Of those, the ones this reviewer answered with a review (by the end of the period). */
  requests_answered: number;
}

/** Per-person review participation; bots and a PR author's own reviews are left out. */
export function reviewParticipation(
  activity: Pick<Activity, "pullRequests" | "reviews" | "reviewRequests">,
  period: Period,
  bots: readonly string[] = [],
): PersonParticipation[] {
  const authorOf = new Map(activity.pullRequests.map((pr) => [pr.pullRequestId, pr.author.login]));
  const people = new Map<string, PersonParticipation & { prs: Set<number> }>();
  const person = (login: string) => {
    let entry = people.get(login);
    if (!entry) {
      entry = {
        login,
        reviews: 0,
        prs_reviewed: 0,
        requests_received: 0,
        requests_answered: 0,
        prs: new Set(),
      };
      people.set(login, entry);
    }
    return entry;
  };

  // Submission times per (PR, reviewer), to answer requests without rescanning every review.
  const submitted = new Map<string, number[]>();
  for (const review of activity.reviews) {
    const key = `${review.pullRequestId}|${review.reviewer.login}`;
    const times = submitted.get(key);
    if (times) times.push(review.submittedAt);
    else submitted.set(key, [review.submittedAt]);
  }

  for (const review of activity.reviews) {
    if (!inPeriod(review.submittedAt, period) || isBot(review.reviewer, bots)) continue;
    if (authorOf.get(review.pullRequestId) === review.reviewer.login) continue;
    const entry = person(review.reviewer.login);
    entry.reviews += 1;
    entry.prs.add(review.pullRequestId);
  }

  for (const request of activity.reviewRequests) {
    if (request.reviewerType !== "User" || request.removedAt !== null) continue;
    if (!inPeriod(request.requestedAt, period) || isBot(request.reviewer, bots)) continue;
    const entry = person(request.reviewer);
    entry.requests_received += 1;
    const answered = (submitted.get(`${request.pullRequestId}|${request.reviewer}`) ?? []).some(
      (at) => at >= request.requestedAt && at < period.until,
    );
    if (answered) entry.requests_answered += 1;
  }

  return [...people.values()]
    .map(({ prs, ...entry }) => ({ ...entry, prs_reviewed: prs.size }))
    .sort((a, b) => b.reviews - a.reviews || a.login.localeCompare(b.login));
}
