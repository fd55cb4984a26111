import { plural } from "../markdown/index.js";
import type { ActivityMeasures } from "../metrics/index.js";
import { EXPECTATIONS, type Expectation } from "./catalogue.js";
import type { ReleaseSummary } from "./release-facts.js";

export type Verdict = "met" | "at_risk" | "missed" | "not_measured";

/** What a verdict is decided from. */
export interface ExpectationFacts {
  measures: ActivityMeasures;
  releases: readonly ReleaseSummary[];
  sla: {
    review_request_business_hours: number;
    first_review_business_hours: number;
    customer_first_response_business_hours: number;
  };
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
  /** The headline number (a share 0..1, a count or hours); null when not measured. */
  value: number | null;
  /** The value as a person reads it. */
  value_text: string;
  target: string | null;
  /** Why it cannot be measured, for lines activity does not show. */
  reason?: string;
}

type Evaluation = Pick<ExpectationResult, "status" | "value" | "value_text">;

const percent = (share: number) => `${Math.round(share * 100)}%`;
const hours = (value: number | null) => (value === null ? "–" : `${value.toFixed(1)} h`);
const notMeasured = (why: string): Evaluation => ({
  status: "not_measured",
  value: null,
  value_text: why,
});

const evaluations: Record<string, (facts: ExpectationFacts) => Evaluation> = {
  "process.review-process": ({ measures }) => {
    const merged = measures.pullRequests.merged;
    if (merged === 0) return notMeasured("nothing merged");
    const without = measures.timings.merged_without_approval;
    const self = measures.timings.self_merged_without_approval;
    const share = without / merged;
    const status: Verdict =
      without === 0 ? "met" : self === 0 && share <= 0.1 ? "at_risk" : "missed";
    const selfText = self > 0 ? `, ${self} self-merged` : "";
    return {
      status,
      value: without,
      value_text: `${without} of ${plural(merged, "merged PR")} without approval (${percent(share)})${selfText}`,
    };
  },
  "process.peer-reviews": ({ measures }) => {
    const { participation, pullRequests } = measures;
    if (participation.members < 2) return notMeasured("fewer than 2 team members known");
    if (pullRequests.opened + pullRequests.open === 0) return notMeasured("no PRs to review");
    const share = participation.share_reviewing ?? 0;
    return {
      status: share >= 0.8 ? "met" : share >= 0.5 ? "at_risk" : "missed",
      value: share,
      value_text: `${participation.members_who_reviewed} of ${participation.members} members reviewed (${percent(share)})`,
    };
  },
  "project.monitor-progress": ({ releases }) => {
    const open = releases.filter((r) => r.milestone_state === "open");
    if (open.length === 0) return notMeasured("no open milestone with a due date");
    const overdue = open.filter((r) => r.passed && r.open_items > 0);
    const atRisk = open.filter((r) => r.inside_warning_window && r.open_items > 0);
    const closed = open.reduce((sum, r) => sum + r.closed_items, 0);
    const total = open.reduce((sum, r) => sum + r.closed_items + r.open_items, 0);
    const share = total > 0 ? closed / total : 1;
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
    const share = breaches / tracked;
    return {
      status: breaches === 0 ? "met" : share <= 0.1 ? "at_risk" : "missed",
      value: breaches,
      value_text: `${plural(breaches, "SLA breach", "SLA breaches")} in ${plural(tracked, "tracked item")} (${percent(share)})`,
    };
  },
  "project.no-pending-prs": ({ releases }) => {
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
      soon.length > 0
        ? `${unapproved} unapproved in ${plural(soon.length, "release")} due soon`
        : "",
    ].filter(Boolean);
    return {
      status: pending > 0 ? "missed" : unapproved > 0 ? "at_risk" : "met",
      value: pending,
      value_text: parts.length > 0 ? parts.join("; ") : "no release due inside the warning window",
    };
  },
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
  "project.reviews-with-team": ({ measures }) => {
    const merged = measures.pullRequests.merged;
    if (merged === 0) return notMeasured("nothing merged");
    const reviewed = merged - measures.timings.merged_without_review;
    const share = reviewed / merged;
    return {
      status: share >= 1 ? "met" : share >= 0.9 ? "at_risk" : "missed",
      value: share,
      value_text: `${reviewed} of ${plural(merged, "merged PR")} reviewed (${percent(share)})`,
    };
  },
  "project.unblock-timely": ({ measures, sla }) => {
    const summary = measures.requestAnswers;
    const waiting = measures.unblock.filter((item) => item.kind === "review_request").length;
    if (summary.count === 0 && waiting === 0) return notMeasured("no review requests answered");
    const limit = sla.review_request_business_hours;
    const median = summary.median_hours;
    const p90 = summary.p90_hours;
    const status: Verdict =
      median !== null && median > limit
        ? "missed"
        : (p90 ?? 0) <= limit && waiting === 0
          ? "met"
          : "at_risk";
    return {
      status,
      value: p90,
      value_text: `median ${hours(median)}, 90th percentile ${hours(p90)} (business); ${waiting} waiting past the SLA`,
    };
  },
  "customer.timely-help": ({ measures, sla }) => {
    const { customers } = measures;
    if (customers.opened === 0 && customers.awaiting.length === 0)
      return notMeasured("no customer issues");
    const median = customers.first_response.median_hours;
    const overdue = customers.awaiting.filter((issue) => issue.over_sla).length;
    const breaches = customers.sla_breaches;
    const status: Verdict =
      median !== null && median > sla.customer_first_response_business_hours
        ? "missed"
        : breaches === 0 && overdue === 0
          ? "met"
          : median === null && breaches > 0
            ? "missed"
            : "at_risk";
    const silent =
      customers.closed_without_response > 0
        ? `, ${customers.closed_without_response} closed without a response`
        : "";
    return {
      status,
      value: median,
      value_text: `${median === null ? "no first response in the period" : `median first response ${hours(median)} (business)`}, ${plural(breaches, "breach", "breaches")}${silent}, ${overdue} awaiting past the SLA`,
    };
  },
  "customer.rca": ({ measures }) => {
    const { closed, closed_with_rca: withRca } = measures.customers;
    if (closed === 0) return notMeasured("no customer bug closed");
    const share = withRca / closed;
    return {
      status: share >= 1 ? "met" : share >= 0.5 ? "at_risk" : "missed",
      value: share,
      value_text: `${withRca} of ${plural(closed, "closed customer bug")} with an RCA (${percent(share)})`,
    };
  },
};

function fillTarget(target: string | undefined, facts: ExpectationFacts): string | null {
  if (target === undefined) return null;
  return target.replace(/\{sla\.(\w+)\}/g, (_, key: keyof ExpectationFacts["sla"]) =>
    String(facts.sla[key] ?? "?"),
  );
}

/** The verdict on every expectation of the catalogue, in catalogue order. */
export function evaluateExpectations(facts: ExpectationFacts): ExpectationResult[] {
  return EXPECTATIONS.map((expectation): ExpectationResult => {
    const base = {
      id: expectation.id,
      area: expectation.area,
      text: expectation.text,
      measure: expectation.measure,
      details: expectation.details ?? null,
      rule: expectation.rule ?? null,
      target: fillTarget(expectation.target, facts),
    };
    const evaluate = evaluations[expectation.id];
    if (!evaluate || expectation.measure === null) {
      return {
        ...base,
        status: "not_measured",
        value: null,
        value_text: "not measurable from GitHub activity",
        ...(expectation.reason ? { reason: expectation.reason } : {}),
      };
    }
    return { ...base, ...evaluate(facts) };
  });
}
