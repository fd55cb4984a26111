import type { ExpectationsConfig } from "../config/index.js";
import type { RepositoryRef } from "../github/index.js";
import { splitMarkdownBody } from "../markdown/index.js";
import {
  closeIssue,
  deleteIssueComment,
  findIssue,
  type PublishContext,
  type PublishResult,
  publishIssue,
  publishIssueComment,
} from "../publish/index.js";
import { type ReviewActivityReport, renderReportMarkdown, reportTitle } from "../reports/index.js";
import { localDateOf } from "../time/index.js";

export interface ReportPublication {
  issue: number;
  result: PublishResult;
  /** Follow-up comments holding the rest of a report too long for one issue body. */
  comments: number;
  previousIssue: number | null;
  previousClosed: boolean;
}

const DAY_MS = 86_400_000;

/** Stable key of a scope's report for one period: it finds the same issue again on every run. */
function reportIssueKey(
  scope: ReviewActivityReport["scope"],
  since: string,
  until: string,
): string {
  const name = scope.name.toLowerCase().replace(/[^a-z0-9._/-]+/g, "-");
  return `review-activity:${scope.kind}:${name}:${since}..${until}`;
}

/** The key of the same scope's report for the period of the same length just before. */
function previousKey(report: ReviewActivityReport): string {
  const since = Date.parse(report.period.since);
  const until = Date.parse(report.period.until);
  const days = Math.round((until - since) / DAY_MS);
  const sinceDate = localDateOf(since, report.time_zone);
  const previousSince = new Date(Date.parse(`${sinceDate}T00:00:00Z`) - days * DAY_MS)
    .toISOString()
    .slice(0, 10);
  return reportIssueKey(report.scope, previousSince, sinceDate);
}

/**
 * Posts the report as the period's summary issue in `repository`: created once, then edited
 * in place; the rest of a body over GitHub's limit goes into follow-up comments. The previous
 * period's report is linked, and closed when `reports.close_previous` is on.
 */
export async function publishReviewActivityReport(
  context: PublishContext,
  repository: RepositoryRef,
  report: ReviewActivityReport,
  config: Pick<ExpectationsConfig, "reports">,
): Promise<ReportPublication> {
  const date = (iso: string) => localDateOf(Date.parse(iso), report.time_zone);
  const key = reportIssueKey(report.scope, date(report.period.since), date(report.period.until));
  const labels = [config.reports.label];
  const previous = { key: previousKey(report), labels };
  const previousIssue =
    previous.key === key ? null : await findIssue(context, repository, previous);
  const markdown = renderReportMarkdown(report, {
    mention: config.reports.mention,
    previousIssue,
  });
  const parts = splitMarkdownBody(markdown);
  const count = parts.length;
  const body = (part: string, i: number) =>
    count === 1
      ? part
      : i === 0
        ? `${part}\n_Continued in the ${count - 1 === 1 ? "comment" : `${count - 1} comments`} below._\n`
        : `_Review activity, part ${i + 1} of ${count}._\n\n${part}`;
  const { result, number } = await publishIssue(context, repository, {
    key,
    title: reportTitle(report),
    body: body(parts[0] as string, 0),
    labels,
  });
  for (let i = 1; i < count; i++) {
    await publishIssueComment(context, repository, number, {
      key: `${key}:part-${i + 1}`,
      body: body(parts[i] as string, i),
    });
  }
  // A report that shrank leaves no stale parts behind.
  for (let i = count + 1; ; i++) {
    const deleted = await deleteIssueComment(context, repository, { key: `${key}:part-${i}` });
    if (deleted === "unchanged") break;
  }
  let previousClosed = false;
  if (previousIssue !== null && config.reports.close_previous) {
    previousClosed = (await closeIssue(context, repository, previous)) === "closed";
  }
  return { issue: number, result, comments: count - 1, previousIssue, previousClosed };
}
