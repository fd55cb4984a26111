import type { Activity, ActivityQuery } from "../rows.js";
import {
  interner,
  issueRecord,
  milestoneRecord,
  pullRequestRecord,
  TABLES,
} from "../schema/index.js";
import { byPullRequest, columns, type Select, type StatementParameters } from "./read-dialect.js";

const repositories = TABLES.repositories;
const comments = TABLES.issue_comments;

/** Everything the metrics need about some repositories of one installation for one period. */
export async function loadActivity(
  select: Select,
  { installationId, repositoryIds, since, until }: ActivityQuery,
): Promise<Activity> {
  const intern = interner();
  // Open at or after `since`: closed since then (by the closing-time index), or still open.
  const openInPeriod = (table: string, list: readonly string[]) =>
    select((bind) => {
      const installation = bind.value(installationId);
      const ofRepositories = bind.oneOf(repositoryIds);
      const [start, end] = [bind.value(since), bind.value(until)];
      return `SELECT ${columns(list)} FROM ${table} WHERE installation_id = ${installation()}
         AND repository_id ${ofRepositories()} AND closed_at >= ${start()} AND created_at < ${end()}
       UNION ALL SELECT ${columns(list)} FROM ${table} WHERE installation_id = ${installation()}
         AND repository_id ${ofRepositories()} AND closed_at IS NULL AND created_at < ${end()}`;
    });
  const ofRepositories = (bind: StatementParameters, table: string, list: readonly string[]) => {
    const [installation, ids] = [bind.value(installationId), bind.oneOf(repositoryIds)];
    return `SELECT ${columns(list)} FROM ${table} WHERE installation_id = ${installation()}
       AND repository_id ${ids()}`;
  };
  // The server runs the four at once; SQLite, one after the other.
  const [pullRequestRows, issueRows, repositoryRows, milestoneRows] = await Promise.all([
    openInPeriod("pull_requests", pullRequestRecord.columns),
    openInPeriod("issues", issueRecord.columns),
    select((bind) => ofRepositories(bind, "repositories", repositories.columns)),
    select(
      (bind) =>
        `${ofRepositories(bind, "milestones", milestoneRecord.columns)} ORDER BY milestone_id`,
    ),
  ]);
  const pullRequests = pullRequestRows
    .map((r) => pullRequestRecord.fromColumns(r, intern))
    .sort((a, b) => a.createdAt - b.createdAt || a.pullRequestId - b.pullRequestId);
  const issues = issueRows
    .map((r) => issueRecord.fromColumns(r, intern))
    .sort((a, b) => a.createdAt - b.createdAt || a.issueId - b.issueId);
  // Sorted, so the covering indexes are walked in order.
  const prIds = pullRequests.map((pr) => pr.pullRequestId).sort((a, b) => a - b);
  const byPr = "pull_request_id, ";
  const [reviews, reviewRequests, timeline, commentRows] = await Promise.all([
    byPullRequest(select, "reviews", installationId, prIds, intern, byPr),
    byPullRequest(select, "review_requests", installationId, prIds, intern, byPr),
    byPullRequest(select, "pull_request_timeline", installationId, prIds, intern, byPr),
    select((bind) => {
      const installation = bind.value(installationId);
      const ofIssues = bind.oneOfMany(issues.map((issue) => issue.issueId));
      return `SELECT ${columns(comments.columns)} FROM issue_comments WHERE installation_id = ${installation()}
         AND issue_id ${ofIssues()} ORDER BY created_at, comment_id`;
    }),
  ]);
  return {
    repositories: repositoryRows.map((r) => repositories.fromColumns(r)),
    pullRequests,
    reviews,
    reviewRequests,
    timeline,
    milestones: milestoneRows.map((r) => milestoneRecord.fromColumns(r)),
    issues,
    issueComments: commentRows.map((r) => comments.fromColumns(r, intern)),
  };
}
