import { plural } from "../markdown/index.js";
import { describeTrendChange } from "./describe-trend-change.js";
import { formatFigure as f, formatValue } from "./format-figure.js";
import { mermaidChart } from "./mermaid-chart.js";
import {
  countOrWhy,
  LIST_MAX,
  more,
  type ReportMarkdown,
  reference,
  text,
  withWall,
} from "./report-markdown-cells.js";
import type { MeasureTrend } from "./report-trends.js";
import type { ReviewActivityReport } from "./review-activity-report.js";

const CHART_PEOPLE = 20;

/** This period against the previous one, for the measures of one section of the report. */
function changeTable(report: ReviewActivityReport, section: MeasureTrend["section"]): string[] {
  const trends = (report.trends?.measures ?? []).filter((t) => t.section === section);
  if (trends.length === 0) return [];
  return [
    "",
    "| Measure | This period | Previous period | Change |",
    "| --- | ---: | ---: | --- |",
    ...trends.map(
      (t) =>
        `| ${t.label} | ${formatValue(t.current, t.unit)} | ${formatValue(t.previous, t.unit)} | ${describeTrendChange(t)} |`,
    ),
  ];
}

/** The pull requests section: how many opened, merged and closed, and how fast they were reviewed. */
export function pullRequestsMarkdown(report: ReviewActivityReport): string[] {
  const prs = report.pull_requests;
  return [
    "",
    "### Pull requests",
    "",
    `- ${f(prs.opened)} opened${(prs.opened_by_bots.value ?? 0) > 0 ? ` (and ${f(prs.opened_by_bots)} by bots, not counted anywhere)` : ""}, ${f(prs.merged)} merged, ${f(prs.closed_unmerged)} closed without merging, ${f(prs.open)} open at the end of the period.`,
    `- Time to first review: median ${withWall(prs.median_time_to_first_review_hours, prs.median_time_to_first_review_wall_hours)}, 90th percentile ${f(prs.p90_time_to_first_review_hours)}, over ${plural(prs.first_reviews.value ?? 0, "PR")}; ${f(prs.waiting_for_first_review)} still waiting.`,
    `- Ready to merge: median ${withWall(prs.median_cycle_time_hours, prs.median_cycle_time_wall_hours)}, 90th percentile ${f(prs.p90_cycle_time_hours)}.`,
    prs.merged_without_approval.value === null
      ? `- Merged without an approval, without any review: ${countOrWhy(prs.merged_without_approval)}.`
      : `- Merged without an approval: ${f(prs.merged_without_approval)} (by their own author: ${f(prs.self_merged_without_approval)}); without any review: ${f(prs.merged_without_review)}.`,
    ...changeTable(report, "pull_requests"),
  ];
}

/** The one paragraph on participation: who reviewed, who reviewed most, how requests were answered. */
function participationSummary(view: ReportMarkdown): string {
  const { report, login } = view;
  const part = report.participation;
  const summary: string[] = [];
  const members = part.members.value ?? 0;
  if (members > 0)
    summary.push(
      part.share_reviewing.value === null
        ? `${f(part.members_who_reviewed)} of ${plural(members, "member")} reviewed at least one PR; the share is not measured (${part.share_reviewing.not_measured}).`
        : `${f(part.members_who_reviewed)} of ${plural(members, "member")} reviewed at least one PR (${f(part.share_reviewing)}).`,
    );
  if (part.top_reviewer)
    summary.push(
      `Most reviews: ${login(part.top_reviewer.login)}, ${f(part.top_reviewer.reviews)} of ${f(part.reviews)} (${f(part.top_reviewer.share)}).`,
    );
  const requests = report.review_requests;
  summary.push(
    `Review requests answered: ${f(requests.answered)}, median ${withWall(requests.median_answer_hours, requests.median_answer_wall_hours)}, 90th percentile ${f(requests.p90_answer_hours)}; ${f(requests.answered_after_sla)} after the SLA of ${report.sla.review_request_business_hours} h.`,
  );
  return summary.join(" ");
}

/** The review participation section: the summary, then each person's reviews and requests. */
export function participationMarkdown(view: ReportMarkdown): string[] {
  const { report, login } = view;
  const lines = [
    "",
    "### Review participation",
    "",
    participationSummary(view),
    ...changeTable(report, "participation"),
  ];
  if (report.people.length === 0) {
    lines.push("", "Nobody reviewed or was asked to review in this period.");
  } else {
    lines.push(
      "",
      "| Person | Reviews | PRs reviewed | Requests | Answered | Unanswered | Pending | Median answer | 90th percentile |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
      ...report.people.map(
        (p) =>
          `| ${login(p.login)}${p.member ? "" : " (not in team)"} | ${f(p.reviews)} | ${f(p.prs_reviewed)} | ${f(p.requests_received)} | ${f(p.requests_answered)} | ${f(p.requests_unanswered)} | ${f(p.requests_pending)} | ${f(p.median_request_answer_hours)} | ${f(p.p90_request_answer_hours)} |`,
      ),
    );
  }
  if (report.members.inferred)
    lines.push(
      "",
      "_Team members are inferred (people GitHub marks owner, member or collaborator who were active in the period); list them under `team` in `.github/expectations.yml` to count everyone._",
    );
  return lines;
}

/** The unblock list: pull requests waiting on someone longer than the SLA, as of now. */
export function unblockMarkdown(view: ReportMarkdown): string[] {
  const { report, login } = view;
  const lines = ["", "### Unblock list: waiting longer than the SLA now", ""];
  if (report.unblock.length === 0) return [...lines, "Nobody is waiting longer than the SLA."];
  return [
    ...lines,
    "| Pull request | Author | Waiting for | Since | Waiting | SLA |",
    "| --- | --- | --- | --- | ---: | ---: |",
    ...report.unblock
      .slice(0, LIST_MAX)
      .map(
        (item) =>
          `| ${reference(report, item.repository, item.number)} ${text(item.title)} | ${login(item.author)} | ${item.waiting_on === null ? "a first review" : `review by ${login(item.waiting_on)}`} | ${view.time(item.since)} | ${f(item.business_hours)} | ${item.sla_hours.value} h |`,
      ),
    ...more(report.unblock.length, LIST_MAX, "waiting longer than the SLA"),
  ];
}

/** The charts section: reviews per person (the most active) and first-review time by week. */
export function chartsMarkdown(report: ReviewActivityReport): string[] {
  const active = report.people.filter((p) => (p.reviews.value ?? 0) > 0);
  const reviewers = active.slice(0, CHART_PEOPLE);
  const weeks = report.first_review_by_week;
  const lines: string[] = [];
  if (reviewers.length > 0 || weeks.length > 0) lines.push("", "### Charts");
  if (reviewers.length > 0)
    lines.push(
      "",
      ...mermaidChart({
        title: `Reviews per person${active.length > CHART_PEOPLE ? ` (top ${CHART_PEOPLE})` : ""}`,
        labels: reviewers.map((p) => p.login),
        yAxis: "Reviews",
        series: "bar",
        values: reviewers.map((p) => p.reviews.value),
      }),
    );
  if (weeks.length > 0)
    lines.push(
      "",
      ...mermaidChart({
        title: "Median time to first review by week it became ready (business hours)",
        labels: weeks.map((w) => w.week),
        yAxis: "Hours",
        series: "bar",
        values: weeks.map((w) => (w.median_hours.value ?? 0).toFixed(1)),
      }),
    );
  return lines;
}
