import { plural } from "../markdown/index.js";
import { formatFigure as f } from "./format-figure.js";
import {
  LIST_MAX,
  more,
  type ReportMarkdown,
  reference,
  repositoryName,
  text,
  withWall,
} from "./report-markdown-cells.js";

/** The escalation risks section: customer issues past their first-response SLA, releases at risk. */
export function escalationRisksMarkdown(view: ReportMarkdown): string[] {
  const { report, login } = view;
  const overdueIssues = report.customer_issues.awaiting.filter((issue) => issue.over_sla);
  const riskyReleases = report.releases.filter(
    (r) =>
      r.status === "at_risk" ||
      (r.status === "missed" && (r.passed_in_period || r.milestone_state === "open")),
  );
  const lines = ["", "### Escalation risks", ""];
  if (overdueIssues.length === 0 && riskyReleases.length === 0)
    return [
      ...lines,
      "No open customer issue is waiting past its first-response SLA, and no release is at risk.",
    ];
  for (const issue of overdueIssues.slice(0, LIST_MAX))
    lines.push(
      `- Customer issue ${reference(report, issue.repository, issue.number)} ${text(issue.title)} by ${login(issue.author)} has waited ${f(issue.business_hours)} for a first response (SLA ${report.sla.customer_first_response_business_hours} h).`,
    );
  lines.push(...more(overdueIssues.length, LIST_MAX, "customer issues past the SLA"));
  for (const release of riskyReleases) {
    const open = release.open_pull_requests.length;
    lines.push(
      release.status === "missed"
        ? `- Release ${text(release.milestone)} (${repositoryName(release.repository)}) was due ${release.release_date} with ${plural(release.pending_at_release_date.value ?? open, "PR")} still open.`
        : `- Release ${text(release.milestone)} (${repositoryName(release.repository)}) is due ${release.release_date}, in ${plural(release.business_days_left.value ?? 0, "business day")}, with ${plural(release.open_pull_requests.filter((pr) => !pr.approved).length, "unapproved PR")}.`,
    );
  }
  return lines;
}

/** The paragraph on customer issues: opened, answered and how fast, closed, still awaiting. */
function customerIssuesSummary(report: ReportMarkdown["report"]): string {
  const customers = report.customer_issues;
  const opened = customers.opened.value ?? 0;
  const closedBugs = customers.closed.value ?? 0;
  if (opened === 0 && customers.awaiting.length === 0 && closedBugs === 0)
    return "No customer issue was opened or closed, and none awaits a first response.";
  const answered =
    (customers.first_responses.value ?? 0) > 0
      ? `${f(customers.first_responses)} answered, first response median ${withWall(customers.median_first_response_hours, customers.median_first_response_wall_hours)}, 90th percentile ${f(customers.p90_first_response_hours)}`
      : "none answered yet";
  const rca =
    closedBugs > 0
      ? ` ${f(customers.closed_with_rca)} of ${plural(closedBugs, "closed customer bug")} carry an RCA label.`
      : "";
  return `${plural(opened, "customer issue")} opened: ${answered}; ${f(customers.closed_without_response)} closed without a response; ${f(customers.still_awaiting)} still awaiting one. ${plural(customers.sla_breaches.value ?? 0, "SLA breach", "SLA breaches")} (SLA ${report.sla.customer_first_response_business_hours} business hours: ${report.business_time}).${rca}`;
}

/** The customer issues section: the summary, then each issue still awaiting a first response. */
export function customerIssuesMarkdown(view: ReportMarkdown): string[] {
  const { report, login } = view;
  const awaiting = report.customer_issues.awaiting;
  const lines = ["", "### Customer issues: first response", "", customerIssuesSummary(report)];
  if (awaiting.length === 0) return lines;
  return [
    ...lines,
    "",
    "| Issue | Opened by | Since | Waiting | Past SLA |",
    "| --- | --- | --- | ---: | --- |",
    ...awaiting
      .slice(0, LIST_MAX)
      .map(
        (issue) =>
          `| ${reference(report, issue.repository, issue.number)} ${text(issue.title)} | ${login(issue.author)} | ${view.time(issue.since)} | ${f(issue.business_hours)} | ${issue.over_sla ? "yes" : "no"} |`,
      ),
    ...more(awaiting.length, LIST_MAX, "awaiting a first response"),
  ];
}
