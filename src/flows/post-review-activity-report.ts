import type { ExpectationsConfig } from "../config/index.js";
import type { RepositoryRef } from "../github/index.js";
import {
  closeIssue,
  findIssue,
  type PublishContext,
  type PublishResult,
  writeIssueInParts,
} from "../publish/index.js";
import { type ReviewActivityReport, renderReportMarkdown, reportTitle } from "../reports/index.js";
import { localDateOf } from "../time/index.js";
import { buildReviewActivityReport, type ReportRequest } from "./build-review-activity-report.js";

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
export async function postReportIssue(
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
  const { result, number, comments } = await writeIssueInParts(
    context,
    repository,
    { key, title: reportTitle(report), body: markdown, labels },
    "Review activity",
  );
  let previousClosed = false;
  if (previousIssue !== null && config.reports.close_previous) {
    previousClosed = (await closeIssue(context, repository, previous)) === "closed";
  }
  return { issue: number, result, comments, previousIssue, previousClosed };
}

/**
 * Builds a review-activity report from the store and posts it as the period's issue in `postTo`
 * ("owner/name"). A repository the store does not know may be public: private data stays out.
 */
export async function postReviewActivityReport(
  context: PublishContext,
  request: Omit<ReportRequest, "installationId" | "now" | "publicTarget">,
  postTo: string,
): Promise<ReportPublication> {
  const { store, installationId, now } = context;
  const [owner = "", repo = ""] = postTo.split("/");
  const postedIn = (await store.findRepositories(postTo)).find(
    (repository) => repository.installationId === installationId,
  );
  const report = await buildReviewActivityReport(store, {
    ...request,
    installationId,
    now,
    publicTarget: postedIn ? !postedIn.private : true,
  });
  return postReportIssue(
    context,
    { owner, repo, repositoryId: postedIn?.repositoryId },
    report,
    request.config,
  );
}
