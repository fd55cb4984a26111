import type pg from "pg";
import { addMilestoneCounts, type MilestoneCounts } from "../milestone-counts.js";
import type { ActivityReads } from "../store.js";
import {
  type Intern,
  ISSUE_COLUMNS,
  ISSUE_COMMENT_COLUMNS,
  interner,
  issueCommentRow,
  issueRow,
  MILESTONE_COLUMNS,
  milestoneRow,
  PULL_REQUEST_COLUMNS,
  pullRequestRow,
  REVIEW_COLUMNS,
  REVIEW_REQUEST_COLUMNS,
  reviewRequestRow,
  reviewRow,
  TABLES,
} from "../table-columns.js";

const { columns: REPOSITORY_COLUMNS, fromColumns: repositoryRow } = TABLES.repositories;
const { columns: TIMELINE_COLUMNS, fromColumns: timelineRow } = TABLES.pull_request_timeline;
const installationRow = TABLES.installations.fromColumns;
const columns = (list: readonly string[]) => list.join(", ");

/** The reads of the PostgreSQL store: the same rows as SQLite's, lists of ids as one array parameter. */
export function postgresActivityReads(pool: pg.Pool): ActivityReads {
  const rows = async (text: string, values: unknown[]) =>
    (await pool.query({ text, values, rowMode: "array" })).rows as unknown[][];
  const byPullRequest = (
    table: string,
    list: readonly string[],
    installationId: number,
    pullRequestIds: number[],
    orderBy: string,
  ) =>
    rows(
      `SELECT ${columns(list)} FROM ${table} WHERE installation_id = $1
         AND pull_request_id = ANY($2::bigint[]) ORDER BY ${orderBy}`,
      [installationId, pullRequestIds],
    );
  const reviews = async (installationId: number, ids: number[], intern: Intern, byPr = "") =>
    (
      await byPullRequest(
        "reviews",
        REVIEW_COLUMNS,
        installationId,
        ids,
        `${byPr}submitted_at, review_id`,
      )
    ).map((r) => reviewRow(r, intern));
  const reviewRequests = async (installationId: number, ids: number[], intern: Intern, byPr = "") =>
    (
      await byPullRequest(
        "review_requests",
        REVIEW_REQUEST_COLUMNS,
        installationId,
        ids,
        `${byPr}requested_at, reviewer`,
      )
    ).map((r) => reviewRequestRow(r, intern));
  const pullRequestsWhere = async (where: string, values: unknown[]) => {
    const intern = interner();
    return (
      await rows(
        `SELECT ${columns(PULL_REQUEST_COLUMNS)} FROM pull_requests WHERE ${where}`,
        values,
      )
    ).map((r) => pullRequestRow(r, intern));
  };

  return {
    async listInstallations() {
      return (
        await rows(
          `SELECT ${columns(TABLES.installations.columns)} FROM installations ORDER BY installation_id`,
          [],
        )
      ).map((r) => installationRow(r));
    },

    async listInstallationIds() {
      return (
        await rows(
          `SELECT installation_id FROM installations UNION SELECT installation_id FROM repositories
           ORDER BY installation_id`,
          [],
        )
      ).map((r) => r[0] as number);
    },

    async listRepositories(installationId) {
      return (
        await rows(
          `SELECT ${columns(REPOSITORY_COLUMNS)} FROM repositories WHERE installation_id = $1
           ORDER BY full_name COLLATE "C"`,
          [installationId],
        )
      ).map((r) => repositoryRow(r));
    },

    async findRepositories(fullName) {
      return (
        await rows(
          `SELECT ${columns(REPOSITORY_COLUMNS)} FROM repositories WHERE lower(full_name) = lower($1)
           ORDER BY installation_id`,
          [fullName],
        )
      ).map((r) => repositoryRow(r));
    },

    async loadActivity({ installationId, repositoryIds, since, until }) {
      const intern = interner();
      // Open at or after `since`: closed since then, or still open.
      const openInPeriod = (table: string, list: readonly string[]) =>
        `SELECT ${columns(list)} FROM ${table} WHERE installation_id = $1
           AND repository_id = ANY($2::bigint[]) AND closed_at >= $3 AND created_at < $4
         UNION ALL SELECT ${columns(list)} FROM ${table} WHERE installation_id = $1
           AND repository_id = ANY($2::bigint[]) AND closed_at IS NULL AND created_at < $4`;
      const period = [installationId, repositoryIds, since, until];
      const [pullRequestRows, issueRows, repositories, milestones] = await Promise.all([
        rows(openInPeriod("pull_requests", PULL_REQUEST_COLUMNS), period),
        rows(openInPeriod("issues", ISSUE_COLUMNS), period),
        rows(
          `SELECT ${columns(REPOSITORY_COLUMNS)} FROM repositories WHERE installation_id = $1
             AND repository_id = ANY($2::bigint[])`,
          [installationId, repositoryIds],
        ),
        rows(
          `SELECT ${columns(MILESTONE_COLUMNS)} FROM milestones WHERE installation_id = $1
             AND repository_id = ANY($2::bigint[]) ORDER BY milestone_id`,
          [installationId, repositoryIds],
        ),
      ]);
      const pullRequests = pullRequestRows
        .map((r) => pullRequestRow(r, intern))
        .sort((a, b) => a.createdAt - b.createdAt || a.pullRequestId - b.pullRequestId);
      const issues = issueRows
        .map((r) => issueRow(r, intern))
        .sort((a, b) => a.createdAt - b.createdAt || a.issueId - b.issueId);
      const prIds = pullRequests.map((pr) => pr.pullRequestId).sort((a, b) => a - b);
      const [reviewList, requestList, timeline, comments] = await Promise.all([
        reviews(installationId, prIds, intern, "pull_request_id, "),
        reviewRequests(installationId, prIds, intern, "pull_request_id, "),
        byPullRequest(
          "pull_request_timeline",
          TIMELINE_COLUMNS,
          installationId,
          prIds,
          "pull_request_id, at, kind",
        ),
        rows(
          `SELECT ${columns(ISSUE_COMMENT_COLUMNS)} FROM issue_comments WHERE installation_id = $1
             AND issue_id = ANY($2::bigint[]) ORDER BY created_at, comment_id`,
          [installationId, issues.map((issue) => issue.issueId)],
        ),
      ]);
      return {
        repositories: repositories.map((r) => repositoryRow(r)),
        pullRequests,
        reviews: reviewList,
        reviewRequests: requestList,
        timeline: timeline.map((r) => timelineRow(r)),
        milestones: milestones.map(milestoneRow),
        issues,
        issueComments: comments.map((r) => issueCommentRow(r, intern)),
      };
    },

    async getPullRequest(installationId, pullRequestId) {
      return (
        await pullRequestsWhere("installation_id = $1 AND pull_request_id = $2", [
          installationId,
          pullRequestId,
        ])
      )[0];
    },

    async listOpenPullRequests(installationId, repositoryId) {
      return pullRequestsWhere(
        "installation_id = $1 AND repository_id = $2 AND state = 'open' ORDER BY number",
        [installationId, repositoryId],
      );
    },

    async listMilestones(installationId, repositoryId) {
      return (
        await rows(
          `SELECT ${columns(MILESTONE_COLUMNS)} FROM milestones WHERE installation_id = $1
             AND repository_id = $2 ORDER BY number`,
          [installationId, repositoryId],
        )
      ).map(milestoneRow);
    },

    async getMilestone(installationId, milestoneId) {
      const [found] = await rows(
        `SELECT ${columns(MILESTONE_COLUMNS)} FROM milestones WHERE installation_id = $1 AND milestone_id = $2`,
        [installationId, milestoneId],
      );
      return found ? milestoneRow(found) : undefined;
    },

    async listMilestonePullRequests(installationId, milestoneId) {
      return pullRequestsWhere("installation_id = $1 AND milestone_id = $2 ORDER BY number", [
        installationId,
        milestoneId,
      ]);
    },

    async countMilestoneItems(installationId, milestoneIds, at) {
      const counts: MilestoneCounts = new Map();
      for (const table of ["pull_requests", "issues"]) {
        const found = await rows(
          `SELECT milestone_id, COUNT(*) FILTER (WHERE closed_at IS NOT NULL AND closed_at <= $1),
             COUNT(*) FROM ${table}
           WHERE installation_id = $2 AND milestone_id = ANY($3::bigint[]) AND created_at <= $1
           GROUP BY milestone_id`,
          [at, installationId, milestoneIds],
        );
        addMilestoneCounts(counts, found);
      }
      return counts;
    },

    async listReviews(installationId, pullRequestIds) {
      return reviews(installationId, pullRequestIds, interner());
    },

    async listReviewRequests(installationId, pullRequestIds) {
      return reviewRequests(installationId, pullRequestIds, interner());
    },

    async dataVersion() {
      // Moved by every replica after each committed write (see postgresTransactions).
      const [[version, called] = []] = await rows(
        "SELECT last_value, is_called FROM data_version",
        [],
      );
      return called ? String(version) : "0";
    },
  };
}
