import { escapeMarkdown, formatLogin, plural } from "../markdown/index.js";
import { inclusiveDateRange, localDateOf, localDateTime } from "../time/index.js";
import { customerIssuesMarkdown, escalationRisksMarkdown } from "./escalations-markdown.js";
import { expectationsMarkdown } from "./expectations-markdown.js";
import { pendingReleasesMarkdown } from "./pending-releases-markdown.js";
import { renderTrendMarkdown } from "./render-trend-markdown.js";
import { type ReportMarkdown, repositoryName } from "./report-markdown-cells.js";
import {
  chartsMarkdown,
  participationMarkdown,
  pullRequestsMarkdown,
  unblockMarkdown,
} from "./review-activity-markdown.js";
import type { ReviewActivityReport } from "./review-activity-report.js";

export interface MarkdownOptions {
  /** Write logins as @-mentions (config `reports.mention`); otherwise they notify nobody. */
  mention?: boolean;
  /** The previous period's report issue in the same repository. */
  previousIssue?: number | null;
}

function scopeName(report: ReviewActivityReport): string {
  return report.scope.kind === "repository"
    ? repositoryName(report.scope.name)
    : `team ${escapeMarkdown(report.scope.name)}`;
}

/**
 * The report's title and what it covers: its period and time zone, how hours are counted, the
 * team's repositories, private ones left out, the previous report and a gap in the record.
 */
function titleAndScopeMarkdown(
  view: ReportMarkdown,
  previousIssue: number | null = null,
): string[] {
  const { report } = view;
  const { since, until } = report.period;
  const tz = report.time_zone;
  const dates = inclusiveDateRange(Date.parse(since), Date.parse(until), tz);
  const about = [
    `From ${view.time(since)} to ${view.time(until)} (${tz}).`,
    `Hours are business hours (${report.business_time}) with wall-clock hours beside them; draft time and bots are left out.`,
  ];
  if (report.as_of !== until) about.push(`Open work is as of ${view.time(report.as_of)}.`);
  const lines = [`## Review activity: ${scopeName(report)}, ${dates}`, "", about.join(" ")];
  if (report.scope.kind === "team")
    lines.push(
      "",
      `Repositories: ${report.scope.repositories.map(repositoryName).join(", ") || "none"}.`,
    );
  const excluded = report.excluded_private_repositories.value ?? 0;
  if (excluded > 0)
    lines.push(
      "",
      `> [!NOTE]\n> ${plural(excluded, "private repository", "private repositories")} of this team ${excluded === 1 ? "is" : "are"} left out: this report is posted in a public repository.`,
    );
  if (previousIssue) lines.push("", `Previous report: #${previousIssue}.`);
  if (report.record_notice) lines.push("", `> ⚠️ ${report.record_notice}`);
  return lines;
}

/** The closing line: who measured it, and the SLAs it was measured against. */
function footerMarkdown(report: ReviewActivityReport): string[] {
  return [
    "",
    "---",
    `<sub>Measured by probot-expectations from the activity it recorded; SLAs: review request ${report.sla.review_request_business_hours} h, first review ${report.sla.first_review_business_hours} h, customer first response ${report.sla.customer_first_response_business_hours} h (business hours, \`sla\` in \`.github/expectations.yml\`).</sub>`,
  ];
}

/** The review-activity report as the markdown of its issue: its sections in reading order. */
export function renderReportMarkdown(
  report: ReviewActivityReport,
  options: MarkdownOptions = {},
): string {
  const mention = options.mention ?? false;
  const tz = report.time_zone;
  const view: ReportMarkdown = {
    report,
    login: (name) => formatLogin(name, mention),
    time: (iso) => localDateTime(Date.parse(iso), tz),
  };
  const trends = report.trends
    ? renderTrendMarkdown(report.trends, (iso) => localDateOf(Date.parse(iso), tz))
    : [];
  const lines = [
    ...titleAndScopeMarkdown(view, options.previousIssue),
    ...expectationsMarkdown(report),
    ...pullRequestsMarkdown(report),
    ...participationMarkdown(view),
    ...unblockMarkdown(view),
    ...escalationRisksMarkdown(view),
    ...customerIssuesMarkdown(view),
    ...pendingReleasesMarkdown(view),
    ...chartsMarkdown(report),
    ...trends,
    ...footerMarkdown(report),
  ];
  return `${lines.join("\n")}\n`;
}
