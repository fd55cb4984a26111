import { plural } from "../markdown/index.js";
import type { ActivityFigures, ActivityMeasures, Figure } from "../metrics/index.js";
import { EXPECTATIONS, type Expectation } from "./catalogue.js";
import { describeExpectation, notMeasurable, type SlaHours } from "./describe-expectation.js";
import type { ReleaseSummary } from "./release-facts.js";
import {
  type Evaluation,
  evaluationFigure,
  hours,
  notMeasured,
  pendingAtReleaseDate,
  percent,
  ratio,
  type Verdict,
  verdictRules,
} from "./verdict-rules.js";

export type { Verdict };

/** What a verdict is decided from. */
export interface ExpectationFacts {
  measures: ActivityMeasures;
  /** The sections' figures of the same measures: a verdict uses the figure its section shows. */
  figures: ActivityFigures;
  releases: readonly ReleaseSummary[];
  sla: SlaHours;
  /** The business calendar the SLAs count in, e.g. "Mon–Fri, 09:00–17:00, Europe/Berlin". */
  businessTime: string;
}

export interface ExpectationResult {
  id: string;
  area: Expectation["area"];
  text: string;
  measure: string | null;
  /** The measure in full, and the rule that gives the verdict. */
  details: string | null;
  rule: string | null;
  status: Verdict;
  /** The headline figure (a ratio, a count or business hours); null for lines activity cannot show. */
  value: Figure | null;
  /** The value as a person reads it. */
  value_text: string;
  target: string | null;
  /** Why it cannot be measured, for lines activity does not show. */
  reason?: string;
}

const evaluations: Record<string, (facts: ExpectationFacts) => Evaluation> = {
  "process.review-process": ({ figures }) => {
    const prs = figures.pull_requests;
    const without = prs.merged_without_approval.value;
    if (without === null) return notMeasured(prs.merged_without_approval.not_measured ?? "");
    const merged = prs.merged.value ?? 0;
    const self = prs.self_merged_without_approval.value ?? 0;
    const share = ratio(without, merged);
    const status: Verdict =
      without === 0 ? "met" : self === 0 && share <= 0.1 ? "at_risk" : "missed";
    const selfText = self > 0 ? `, ${self} self-merged` : "";
    // The approval line and the review line judge the same PRs: say why they may differ.
    const reviewed = without - (prs.merged_without_review.value ?? 0);
    return {
      status,
      value: without,
      value_text: `${without} of ${plural(merged, "merged PR")} without approval (${percent(share)})${selfText}${reviewed > 0 ? `; ${reviewed} of them reviewed, but not approved` : ""}`,
    };
  },
  "process.peer-reviews": ({ figures }) => {
    const { participation } = figures;
    const share = participation.share_reviewing;
    if (share.value === null) return notMeasured(share.not_measured);
    return {
      status: verdictRules.peerReviews(share.value),
      value: share.value,
      value_text: `${participation.members_who_reviewed.value} of ${participation.members.value} members reviewed (${percent(share.value)})`,
    };
  },
  "project.monitor-progress": ({ releases }) => {
    const open = releases.filter((r) => r.milestone_state === "open");
    if (open.length === 0) return notMeasured("no open milestone with a due date");
    const overdue = open.filter((r) => r.passed && r.open_items > 0);
    const atRisk = open.filter((r) => r.inside_warning_window && r.open_items > 0);
    const closed = open.reduce((sum, r) => sum + r.closed_items, 0);
    const total = open.reduce((sum, r) => sum + r.closed_items + r.open_items, 0);
    const share = total > 0 ? ratio(closed, total) : 1;
    const notes = [
      overdue.length > 0 ? `${overdue.length} overdue` : "",
      atRisk.length > 0 ? `${atRisk.length} at risk` : "",
    ].filter(Boolean);
    return {
      status: overdue.length > 0 ? "missed" : atRisk.length > 0 ? "at_risk" : "met",
      value: share,
      value_text: `${closed} of ${plural(total, "item")} done in ${plural(open.length, "open milestone")} (${percent(share)})${notes.length > 0 ? `; ${notes.join(", ")}` : ""}`,
    };
  },
  "project.avoid-escalations": ({ measures }) => {
    const { timings, customers, unblock } = measures;
    const waitingRequests = unblock.filter((item) => item.kind === "review_request").length;
    const waitingFirstReviews = unblock.filter((item) => item.kind === "first_review").length;
    // Requests made, PRs that became ready and customer issues opened in the period.
    const tracked =
      measures.trackedRequests +
      timings.time_to_first_review.count +
      timings.waiting_for_first_review +
      customers.opened;
    if (tracked === 0) return notMeasured("no requests, reviews or customer issues to track");
    const breaches =
      measures.lateRequestAnswers +
      waitingRequests +
      timings.late_first_reviews +
      waitingFirstReviews +
      customers.sla_breaches;
    // What was measured against an SLA: answers given. Waiting within the SLA proves nothing yet.
    const answered =
      measures.requestStatuses.answered +
      timings.time_to_first_review.count +
      customers.first_response.count;
    if (breaches === 0 && answered === 0)
      return notMeasured(
        `nothing answered yet: ${plural(tracked, "tracked item")}, none past its SLA`,
      );
    const share = ratio(breaches, tracked);
    return {
      status: breaches === 0 ? "met" : share <= 0.1 ? "at_risk" : "missed",
      value: breaches,
      value_text: `${plural(breaches, "SLA breach", "SLA breaches")} in ${plural(tracked, "tracked item")} (${percent(share)})`,
    };
  },
  "project.no-pending-prs": ({ releases }) => pendingAtReleaseDate(releases),
  "project.plan-holidays": ({ releases }) => {
    const relevant = releases.filter((r) => r.passed_in_period || !r.passed);
    if (relevant.length === 0) return notMeasured("no release dates");
    const past = relevant.filter((r) => r.passed_in_period && !r.on_business_day);
    const ahead = relevant.filter((r) => !r.passed && !r.on_business_day);
    const off = past.length + ahead.length;
    return {
      status: past.length > 0 ? "missed" : ahead.length > 0 ? "at_risk" : "met",
      value: off,
      value_text: `${off} of ${plural(relevant.length, "release date")} not on a business day`,
    };
  },
  "project.reviews-with-team": ({ figures }) => {
    const prs = figures.pull_requests;
    const without = prs.merged_without_review.value;
    if (without === null) return notMeasured(prs.merged_without_review.not_measured ?? "");
    const merged = prs.merged.value ?? 0;
    const reviewed = merged - without;
    const share = ratio(reviewed, merged);
    const unapproved = (prs.merged_without_approval.value ?? 0) - without;
    return {
      status: share >= 1 ? "met" : share >= 0.9 ? "at_risk" : "missed",
      value: share,
      value_text: `${reviewed} of ${plural(merged, "merged PR")} reviewed (${percent(share)})${unapproved > 0 ? `; ${unapproved} reviewed without an approval` : ""}`,
    };
  },
  "project.unblock-timely": ({ measures, figures, sla }) => {
    const requests = figures.review_requests;
    const waiting = measures.unblock.filter((item) => item.kind === "review_request").length;
    if (requests.answered.value === 0 && waiting === 0)
      return notMeasured(requests.p90_answer_hours.not_measured ?? "");
    const median = requests.median_answer_hours.value;
    const p90 = requests.p90_answer_hours.value;
    return {
      status: verdictRules.answerTime({
        median,
        p90,
        waitingPastSla: waiting,
        limit: sla.review_request_business_hours,
      }),
      value: p90,
      value_text: `median ${hours(median)}, 90th percentile ${hours(p90)} (business); ${waiting} waiting past the SLA`,
      valueMissing: requests.p90_answer_hours.not_measured,
    };
  },
  "customer.timely-help": ({ measures, figures, sla }) => {
    const { customers } = measures;
    const issues = figures.customer_issues;
    if (customers.opened === 0 && customers.awaiting.length === 0)
      return notMeasured("no customer issues");
    const median = issues.median_first_response_hours.value;
    const overdue = customers.awaiting.filter((issue) => issue.over_sla).length;
    const breaches = customers.sla_breaches;
    const status = verdictRules.firstResponse({
      responses: customers.first_response.count,
      median,
      breaches,
      overdue,
      limit: sla.customer_first_response_business_hours,
    });
    const silent =
      customers.closed_without_response > 0
        ? ` (${customers.closed_without_response} closed without a response)`
        : "";
    const seen = `${median === null ? "no first response in the period" : `median first response ${hours(median)} (business)`}, ${plural(breaches, "breach", "breaches")}${silent}, ${overdue} awaiting past the SLA`;
    if (status === "not_measured")
      return notMeasured(
        `no first response in the period: ${plural(customers.awaiting.length, "customer issue")} awaiting one, none past the SLA`,
      );
    return {
      status,
      value: median,
      value_text: seen,
      valueMissing: issues.median_first_response_hours.not_measured,
    };
  },
  "customer.rca": ({ figures }) => {
    const closed = figures.customer_issues.closed.value ?? 0;
    const withRca = figures.customer_issues.closed_with_rca.value ?? 0;
    if (closed === 0) return notMeasured("no customer bug closed");
    const share = ratio(withRca, closed);
    return {
      status: share >= 1 ? "met" : share >= 0.5 ? "at_risk" : "missed",
      value: share,
      value_text: `${withRca} of ${plural(closed, "closed customer bug")} with an RCA (${percent(share)})`,
    };
  },
};

/** The verdict on every expectation of the catalogue, in catalogue order. */
export function evaluateExpectations(facts: ExpectationFacts): ExpectationResult[] {
  return EXPECTATIONS.map((expectation): ExpectationResult => {
    const base = describeExpectation(expectation, facts.sla, facts.businessTime);
    const evaluate = evaluations[expectation.id];
    if (!evaluate || expectation.measure === null || !expectation.value) {
      return { ...base, ...notMeasurable(expectation) };
    }
    const evaluation = evaluate(facts);
    return {
      ...base,
      status: evaluation.status,
      value: evaluationFigure(evaluation, expectation.value.unit),
      value_text: evaluation.value_text,
    };
  });
}
