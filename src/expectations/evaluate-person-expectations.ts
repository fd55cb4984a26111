import { plural } from "../markdown/index.js";
import {
  type FirstResponse,
  median,
  type PersonParticipation,
  type Unit,
} from "../metrics/index.js";
import { EXPECTATIONS } from "./catalogue.js";
import { describeExpectation, notMeasurable, type SlaHours } from "./describe-expectation.js";
import type { ExpectationResult } from "./evaluate-expectations.js";
import type { ReleaseSummary } from "./release-facts.js";
import {
  businessHours,
  type Evaluation,
  evaluationFigure,
  hours,
  notMeasured,
  pendingAtReleaseDate,
  verdictRules,
} from "./verdict-rules.js";

/** What one person's ladder lines are decided from, for one team or repository and period. */
export interface PersonFacts {
  /** Their review participation in the period; undefined when they neither reviewed nor were asked. */
  participation: PersonParticipation | undefined;
  /** Pull requests by other people (not bots) opened or open in the period: something to review. */
  pullRequestsByOthers: number;
  /** Review requests to this person waiting past the SLA now. */
  waitingPastSla: number;
  /** The releases as this person's own pull requests see them. */
  releases: readonly ReleaseSummary[];
  /** The first responses this person gave to customer issues opened in the period. */
  firstResponses: readonly FirstResponse[];
  sla: SlaHours;
  /** The business calendar the SLAs count in. */
  businessTime: string;
}

export interface PersonExpectationResult extends ExpectationResult {
  /** Whose activity the line measures: this person's, only the whole team's, or nobody's. */
  measured_for: "person" | "team" | "nobody";
}

interface PersonLine {
  measure: string;
  details: string;
  /** Set where the team's rule, applied to one person, reads differently. */
  target?: string;
  rule?: string;
  /** The unit of this person's value (it may differ from the team's). */
  unit: Unit;
  evaluate(facts: PersonFacts): Evaluation;
}

const PERSON_LINES: Record<string, PersonLine> = {
  "process.peer-reviews": {
    measure: "Reviews given",
    details:
      "Reviews this person submitted in the period on other people's pull requests (approved, changes requested, commented; dismissed ones too), and how many pull requests they were on.",
    target: "at least one review (the team's share counts members who reviewed)",
    rule: "the team's rule for one member: met when they reviewed at least one PR of someone else in the period; missed when they reviewed none; not measured: no PRs by others in the period",
    unit: "count",
    evaluate: ({ participation, pullRequestsByOthers }) => {
      if (pullRequestsByOthers === 0) return notMeasured("no PRs by others to review");
      const reviews = participation?.reviews ?? 0;
      return {
        status: verdictRules.peerReviews(reviews > 0 ? 1 : 0),
        value: reviews,
        value_text: `${plural(reviews, "review")} on ${plural(participation?.prs_reviewed ?? 0, "PR")}`,
      };
    },
  },
  "project.unblock-timely": {
    measure: "Review requests answered, and how fast",
    details:
      "Review requests to this person made in the period: answered with a review, closed unanswered, or still pending; answer time in business hours (a re-request restarts the clock, a removed request is void, draft time left out); requests waiting on them past the SLA now.",
    unit: "business_hours",
    evaluate: ({ participation, waitingPastSla, sla }) => {
      const answered = participation?.requests_answered ?? 0;
      if (answered === 0 && waitingPastSla === 0) return notMeasured("no review requests answered");
      const median = businessHours(participation?.median_request_answer_hours ?? null);
      const p90 = businessHours(participation?.p90_request_answer_hours ?? null);
      return {
        status: verdictRules.answerTime({
          median,
          p90,
          waitingPastSla,
          limit: sla.review_request_business_hours,
        }),
        value: p90,
        valueMissing: "no review request answered in the period",
        value_text: `${answered} of ${plural(participation?.requests_received ?? 0, "request")} answered; median ${hours(median)}, 90th percentile ${hours(p90)} (business); ${waitingPastSla} waiting past the SLA`,
      };
    },
  },
  "project.no-pending-prs": {
    measure: "Their PRs open at release dates",
    details:
      "This person's pull requests still open when their milestone's release date ended in the period, and their unapproved open pull requests of releases inside the warning window.",
    unit: "count",
    evaluate: ({ releases }) => pendingAtReleaseDate(releases),
  },
  "customer.timely-help": {
    measure: "First responses to customer issues",
    details:
      "Customer issues opened in the period whose first response by a team member was this person's: business hours from the issue being opened to that response.",
    rule: "met: the median and every one of their first responses within the SLA; at risk: the median within it, some after it; missed: the median past the SLA; not measured: no first response by them in the period",
    unit: "business_hours",
    evaluate: ({ firstResponses, sla }) => {
      if (firstResponses.length === 0)
        return notMeasured("no first response to a customer issue in the period");
      const middle = businessHours(
        median(firstResponses.map((response) => response.business_hours)),
      );
      const breaches = firstResponses.filter((response) => response.over_sla).length;
      return {
        status: verdictRules.firstResponse({
          responses: firstResponses.length,
          median: middle,
          breaches,
          overdue: 0,
          limit: sla.customer_first_response_business_hours,
        }),
        value: middle,
        value_text: `${plural(firstResponses.length, "first response")}, median ${hours(middle)} (business), ${plural(breaches, "breach", "breaches")} of the SLA`,
      };
    },
  },
};

/**
 * One person's ladder, in catalogue order: the lines one person's activity shows, decided by
 * the team's own verdict rules; the lines only the whole team is measured on; and the lines no
 * activity shows, with why. A person is never compared with anyone else.
 */
export function evaluatePersonExpectations(facts: PersonFacts): PersonExpectationResult[] {
  return EXPECTATIONS.map((expectation): PersonExpectationResult => {
    const base = describeExpectation(expectation, facts.sla, facts.businessTime);
    const line = PERSON_LINES[expectation.id];
    if (line) {
      const evaluation = line.evaluate(facts);
      return {
        ...base,
        measure: line.measure,
        details: line.details,
        target: line.target ?? base.target,
        rule: line.rule ?? base.rule,
        status: evaluation.status,
        value: evaluationFigure(evaluation, line.unit),
        value_text: evaluation.value_text,
        measured_for: "person",
      };
    }
    if (expectation.measure !== null) {
      return {
        ...base,
        status: "not_measured",
        value: null,
        value_text: "measured for the team as a whole, not per person",
        measured_for: "team",
      };
    }
    return { ...base, ...notMeasurable(expectation), measured_for: "nobody" };
  });
}
