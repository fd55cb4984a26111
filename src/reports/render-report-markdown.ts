import type { ReleasePullRequest } from "../expectations/index.js";
import { escapeMarkdown, formatLogin, oneLine, plural } from "../markdown/index.js";
import type { Figure } from "../metrics/index.js";
import { inclusiveDateRange, localDateOf, localDateTime } from "../time/index.js";
import { describeTrendChange } from "./describe-trend-change.js";
import { formatFigure, formatValue } from "./format-figure.js";
import { renderTrendMarkdown } from "./render-trend-markdown.js";
import type { MeasureTrend } from "./report-trends.js";
import type { ReviewActivityReport } from "./review-activity-report.js";
import { VERDICT_MARK } from "./verdict-mark.js";

export interface MarkdownOptions {
  /** Write logins as @-mentions (config `reports.mention`); otherwise they notify nobody. */
  mention?: boolean;
  /** The previous period's report issue in the same repository. */
  previousIssue?: number | null;
}

const WAITING_FOR: Record<ReleasePullRequest["waiting_for"], (who: string) => string> = {
  draft: (who) => `still a draft (${who})`,
  changes: (who) => `changes requested, waiting on ${who}`,
  merge: (who) => `approved, waiting on a merge by ${who}`,
  review: (who) => (who ? `waiting on review by ${who}` : "waiting on review, nobody asked yet"),
};

const TITLE_MAX = 72;
// A lead reads the longest waits first; the rest is in the JSON and CSV.
const LIST_MAX = 50;

function more(total: number, shown: number, what: string): string[] {
  return total > shown
    ? ["", `…and ${total - shown} more ${what} (all of them in \`--format json\`).`]
    : [];
}
const CHART_PEOPLE = 20;
const SAFE_REPOSITORY = /^[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+$/;

/** Business hours with the wall-clock hours beside them: "4.6 h (5.1 h wall clock)". */
function withWall(business: Figure, wall: Figure): string {
  return business.value === null
    ? "–"
    : `${formatFigure(business)} (${formatFigure(wall)} wall clock)`;
}

/** A count, or "not measured (why)" when the figure does not apply in the period. */
function countOrWhy(figure: Figure): string {
  return figure.value === null ? `not measured (${figure.not_measured})` : formatFigure(figure);
}

/** User text for a table cell or list item: one line, bounded, inert. */
function text(value: string): string {
  return escapeMarkdown(oneLine(value, TITLE_MAX));
}

/** `#12` in a one-repository report, `owner/name#12` across repositories; GitHub links both. */
function reference(report: ReviewActivityReport, repository: string, number: number): string {
  if (report.scope.kind === "repository" && repository === report.scope.name) return `#${number}`;
  return `${repositoryName(repository)}#${number}`;
}

function repositoryName(name: string): string {
  return SAFE_REPOSITORY.test(name) ? name : escapeMarkdown(name);
}

function scopeName(report: ReviewActivityReport): string {
  return report.scope.kind === "repository"
    ? repositoryName(report.scope.name)
    : `team ${escapeMarkdown(report.scope.name)}`;
}

function chartLabel(value: string): string {
  return `"${value.replace(/["\\\n\r]/g, "")}"`;
}

/** This period against the previous one, for the measures of one section. */
function changeTable(trends: readonly MeasureTrend[]): string[] {
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

export function renderReportMarkdown(
  report: ReviewActivityReport,
  options: MarkdownOptions = {},
): string {
  const mention = options.mention ?? false;
  const login = (name: string) => formatLogin(name, mention);
  const tz = report.time_zone;
  const dates = inclusiveDateRange(
    Date.parse(report.period.since),
    Date.parse(report.period.until),
    tz,
  );
  const out: string[] = [];
  const add = (...lines: string[]) => out.push(...lines);

  add(`## Review activity: ${scopeName(report)}, ${dates}`, "");
  const about = [
    `From ${localDateTime(Date.parse(report.period.since), tz)} to ${localDateTime(Date.parse(report.period.until), tz)} (${tz}).`,
    `Hours are business hours (${report.business_time}) with wall-clock hours beside them; draft time and bots are left out.`,
  ];
  if (report.as_of !== report.period.until)
    about.push(`Open work is as of ${localDateTime(Date.parse(report.as_of), tz)}.`);
  add(about.join(" "));
  if (report.scope.kind === "team")
    add("", `Repositories: ${report.scope.repositories.map(repositoryName).join(", ") || "none"}.`);
  const excluded = report.excluded_private_repositories.value ?? 0;
  if (excluded > 0)
    add(
      "",
      `> [!NOTE]\n> ${plural(excluded, "private repository", "private repositories")} of this team ${excluded === 1 ? "is" : "are"} left out: this report is posted in a public repository.`,
    );
  if (options.previousIssue) add("", `Previous report: #${options.previousIssue}.`);
  if (report.record_notice) add("", `> ⚠️ ${report.record_notice}`);

  // Expectations first: what a lead reads in two minutes. Catalogue text is ours, not user text.
  const measured = report.expectations.filter((e) => e.measure !== null);
  const unmeasurable = report.expectations.filter((e) => e.measure === null);
  const trends = report.trends;
  const trendOf = (id: string) => trends?.measures.find((t) => t.id === id);
  const ofSection = (section: MeasureTrend["section"]) =>
    (trends?.measures ?? []).filter((t) => t.section === section);
  add(
    "",
    "### Expectations",
    "",
    trends
      ? "| Ladder expectation | Measure | Value | Target | Verdict | Previous period | Change |"
      : "| Ladder expectation | Measure | Value | Target | Verdict |",
    trends ? "| --- | --- | --- | --- | --- | --- | --- |" : "| --- | --- | --- | --- | --- |",
  );
  for (const e of measured) {
    const trend = trendOf(`expectation:${e.id}`);
    const change = trends
      ? ` ${trend ? formatValue(trend.previous, trend.unit) : "–"} | ${trend ? describeTrendChange(trend) : "–"} |`
      : "";
    add(
      `| ${e.area}: ${e.text} | ${e.measure ?? ""} | ${e.value_text} | ${e.target ?? "–"} | ${VERDICT_MARK[e.status]} |${change}`,
    );
  }
  add(
    "",
    "<details><summary>How each verdict is decided</summary>",
    "",
    ...measured.map((e) => `- **${e.measure}**: ${e.details ?? ""} Verdict: ${e.rule ?? ""}.`),
    "",
    "</details>",
  );
  if (unmeasurable.length > 0) {
    add(
      "",
      `<details><summary>${plural(unmeasurable.length, "expectation")} of the ladder cannot be measured from GitHub activity</summary>`,
      "",
      "| Area | Ladder expectation | Why |",
      "| --- | --- | --- |",
      ...unmeasurable.map((e) => `| ${e.area} | ${e.text} | ${e.reason ?? ""} |`),
      "",
      "</details>",
    );
  }

  const prs = report.pull_requests;
  const f = formatFigure;
  add(
    "",
    "### Pull requests",
    "",
    `- ${f(prs.opened)} opened${(prs.opened_by_bots.value ?? 0) > 0 ? ` (and ${f(prs.opened_by_bots)} by bots, not counted anywhere)` : ""}, ${f(prs.merged)} merged, ${f(prs.closed_unmerged)} closed without merging, ${f(prs.open)} open at the end of the period.`,
    `- Time to first review: median ${withWall(prs.median_time_to_first_review_hours, prs.median_time_to_first_review_wall_hours)}, 90th percentile ${f(prs.p90_time_to_first_review_hours)}, over ${plural(prs.first_reviews.value ?? 0, "PR")}; ${f(prs.waiting_for_first_review)} still waiting.`,
    `- Ready to merge: median ${withWall(prs.median_cycle_time_hours, prs.median_cycle_time_wall_hours)}, 90th percentile ${f(prs.p90_cycle_time_hours)}.`,
    prs.merged_without_approval.value === null
      ? `- Merged without an approval, without any review: ${countOrWhy(prs.merged_without_approval)}.`
      : `- Merged without an approval: ${f(prs.merged_without_approval)} (by their own author: ${f(prs.self_merged_without_approval)}); without any review: ${f(prs.merged_without_review)}.`,
    ...changeTable(ofSection("pull_requests")),
  );

  const part = report.participation;
  add("", "### Review participation", "");
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
  add(summary.join(" "), ...changeTable(ofSection("participation")));
  if (report.people.length === 0) {
    add("", "Nobody reviewed or was asked to review in this period.");
  } else {
    add(
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
    add(
      "",
      "_Team members are inferred (people GitHub marks owner, member or collaborator who were active in the period); list them under `team` in `.github/expectations.yml` to count everyone._",
    );

  add("", "### Unblock list: waiting longer than the SLA now", "");
  if (report.unblock.length === 0) {
    add("Nobody is waiting longer than the SLA.");
  } else {
    add(
      "| Pull request | Author | Waiting for | Since | Waiting | SLA |",
      "| --- | --- | --- | --- | ---: | ---: |",
      ...report.unblock
        .slice(0, LIST_MAX)
        .map(
          (item) =>
            `| ${reference(report, item.repository, item.number)} ${text(item.title)} | ${login(item.author)} | ${item.waiting_on === null ? "a first review" : `review by ${login(item.waiting_on)}`} | ${localDateTime(Date.parse(item.since), tz)} | ${f(item.business_hours)} | ${item.sla_hours.value} h |`,
        ),
      ...more(report.unblock.length, LIST_MAX, "waiting longer than the SLA"),
    );
  }

  const customers = report.customer_issues;
  const overdueIssues = customers.awaiting.filter((issue) => issue.over_sla);
  const riskyReleases = report.releases.filter(
    (r) =>
      r.status === "at_risk" ||
      (r.status === "missed" && (r.passed_in_period || r.milestone_state === "open")),
  );
  add("", "### Escalation risks", "");
  if (overdueIssues.length === 0 && riskyReleases.length === 0) {
    add(
      "No open customer issue is waiting past its first-response SLA, and no release is at risk.",
    );
  } else {
    for (const issue of overdueIssues.slice(0, LIST_MAX))
      add(
        `- Customer issue ${reference(report, issue.repository, issue.number)} ${text(issue.title)} by ${login(issue.author)} has waited ${f(issue.business_hours)} for a first response (SLA ${report.sla.customer_first_response_business_hours} h).`,
      );
    add(...more(overdueIssues.length, LIST_MAX, "customer issues past the SLA"));
    for (const release of riskyReleases) {
      const open = release.open_pull_requests.length;
      add(
        release.status === "missed"
          ? `- Release ${text(release.milestone)} (${repositoryName(release.repository)}) was due ${release.release_date} with ${plural(release.pending_at_release_date.value ?? open, "PR")} still open.`
          : `- Release ${text(release.milestone)} (${repositoryName(release.repository)}) is due ${release.release_date}, in ${plural(release.business_days_left.value ?? 0, "business day")}, with ${plural(release.open_pull_requests.filter((pr) => !pr.approved).length, "unapproved PR")}.`,
      );
    }
  }

  add("", "### Customer issues: first response", "");
  const opened = customers.opened.value ?? 0;
  const closedBugs = customers.closed.value ?? 0;
  if (opened === 0 && customers.awaiting.length === 0 && closedBugs === 0) {
    add("No customer issue was opened or closed, and none awaits a first response.");
  } else {
    const answered =
      (customers.first_responses.value ?? 0) > 0
        ? `${f(customers.first_responses)} answered, first response median ${withWall(customers.median_first_response_hours, customers.median_first_response_wall_hours)}, 90th percentile ${f(customers.p90_first_response_hours)}`
        : "none answered yet";
    const rca =
      closedBugs > 0
        ? ` ${f(customers.closed_with_rca)} of ${plural(closedBugs, "closed customer bug")} carry an RCA label.`
        : "";
    add(
      `${plural(opened, "customer issue")} opened: ${answered}; ${f(customers.closed_without_response)} closed without a response; ${f(customers.still_awaiting)} still awaiting one. ${plural(customers.sla_breaches.value ?? 0, "SLA breach", "SLA breaches")} (SLA ${report.sla.customer_first_response_business_hours} business hours: ${report.business_time}).${rca}`,
    );
  }
  if (customers.awaiting.length > 0) {
    add(
      "",
      "| Issue | Opened by | Since | Waiting | Past SLA |",
      "| --- | --- | --- | ---: | --- |",
      ...customers.awaiting
        .slice(0, LIST_MAX)
        .map(
          (issue) =>
            `| ${reference(report, issue.repository, issue.number)} ${text(issue.title)} | ${login(issue.author)} | ${localDateTime(Date.parse(issue.since), tz)} | ${f(issue.business_hours)} | ${issue.over_sla ? "yes" : "no"} |`,
        ),
      ...more(customers.awaiting.length, LIST_MAX, "awaiting a first response"),
    );
  }

  add("", "### Pending work by release", "");
  if (report.releases.length === 0) {
    add("No milestone with a due date.");
  } else {
    add(
      "| Release | Repository | Release date | Business days left | Done | Open PRs | Status |",
      "| --- | --- | --- | ---: | ---: | ---: | --- |",
      ...report.releases.map((r) => {
        const closed = r.closed_items.value ?? 0;
        const total = (r.open_items.value ?? 0) + closed;
        return `| ${text(r.milestone)} | ${repositoryName(r.repository)} | ${r.release_date}${r.on_business_day ? "" : " (not a business day)"} | ${f(r.business_days_left)} | ${closed} of ${total}${total > 0 ? ` (${formatValue(closed / total, "ratio")})` : ""} | ${r.open_pull_requests.length} | ${r.status.replace("_", " ")} |`;
      }),
    );
    for (const r of report.releases) {
      if (r.open_pull_requests.length === 0) continue;
      add("", `Open in ${text(r.milestone)}:`);
      for (const pr of r.open_pull_requests.slice(0, LIST_MAX))
        add(
          `- ${reference(report, pr.repository, pr.number)} ${text(pr.title)} by ${login(pr.author)}: ${WAITING_FOR[pr.waiting_for](pr.waiting_on.map(login).join(", "))}`,
        );
      add(...more(r.open_pull_requests.length, LIST_MAX, "open pull requests"));
    }
  }

  const reviewers = report.people.filter((p) => (p.reviews.value ?? 0) > 0).slice(0, CHART_PEOPLE);
  const weeks = report.first_review_by_week;
  if (reviewers.length > 0 || weeks.length > 0) add("", "### Charts");
  if (reviewers.length > 0) {
    add(
      "",
      "```mermaid",
      "xychart-beta",
      `  title "Reviews per person${report.people.filter((p) => (p.reviews.value ?? 0) > 0).length > CHART_PEOPLE ? ` (top ${CHART_PEOPLE})` : ""}"`,
      `  x-axis [${reviewers.map((p) => chartLabel(p.login)).join(", ")}]`,
      '  y-axis "Reviews"',
      `  bar [${reviewers.map((p) => p.reviews.value).join(", ")}]`,
      "```",
    );
  }
  if (weeks.length > 0) {
    add(
      "",
      "```mermaid",
      "xychart-beta",
      '  title "Median time to first review by week it became ready (business hours)"',
      `  x-axis [${weeks.map((w) => chartLabel(w.week)).join(", ")}]`,
      '  y-axis "Hours"',
      `  bar [${weeks.map((w) => (w.median_hours.value ?? 0).toFixed(1)).join(", ")}]`,
      "```",
    );
  }

  if (trends) add(...renderTrendMarkdown(trends, (iso) => localDateOf(Date.parse(iso), tz)));

  add(
    "",
    "---",
    `<sub>Measured by probot-expectations from the activity it recorded; SLAs: review request ${report.sla.review_request_business_hours} h, first review ${report.sla.first_review_business_hours} h, customer first response ${report.sla.customer_first_response_business_hours} h (business hours, \`sla\` in \`.github/expectations.yml\`).</sub>`,
  );
  return `${out.join("\n")}\n`;
}
