import type Database from "better-sqlite3";
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

function placeholders(values: readonly unknown[]): string {
  return values.map(() => "?").join(", ");
}

/** Runs `query` over `ids` in chunks that stay below SQLite's bound-parameter limit. */
function inChunks<T>(ids: number[], query: (chunk: number[]) => T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += 500) out.push(...query(ids.slice(i, i + 500)));
  return out;
}

const { columns: REPOSITORY_COLUMNS, fromColumns: repositoryRow } = TABLES.repositories;
const { columns: TIMELINE_COLUMNS, fromColumns: timelineRow } = TABLES.pull_request_timeline;
const installationRow = TABLES.installations.fromColumns;

export function sqliteActivityReads(db: Database.Database): ActivityReads {
  const dataVersion = db
    .prepare("SELECT data_version, total_changes() FROM pragma_data_version()")
    .raw();
  const rows = (sql: string, params: unknown[]) =>
    db
      .prepare(sql)
      .raw()
      .all(...params) as unknown[][];
  const columns = (list: readonly string[]) => list.join(", ");

  /** Rows of `table` for these PRs, in array form (`list` in order), one statement. */
  const byPullRequest = (
    table: string,
    list: readonly string[],
    installationId: number,
    pullRequestIds: number[],
    orderBy: string,
  ) =>
    // The ids go in as one JSON array, not thousands of parameters.
    rows(
      `SELECT ${columns(list)} FROM ${table} WHERE installation_id = ?
         AND pull_request_id IN (SELECT value FROM json_each(?)) ORDER BY ${orderBy}`,
      [installationId, JSON.stringify(pullRequestIds)],
    );
  // In a period's read, each PR's rows together: the covering indexes are walked in order.
  const reviews = (installationId: number, ids: number[], intern: Intern, byPr = "") =>
    byPullRequest(
      "reviews",
      REVIEW_COLUMNS,
      installationId,
      ids,
      `${byPr}submitted_at, review_id`,
    ).map((r) => reviewRow(r, intern));
  const reviewRequests = (installationId: number, ids: number[], intern: Intern, byPr = "") =>
    byPullRequest(
      "review_requests",
      REVIEW_REQUEST_COLUMNS,
      installationId,
      ids,
      `${byPr}requested_at, reviewer`,
    ).map((r) => reviewRequestRow(r, intern));
  /** Pull requests matching `where`, as one row type everywhere. */
  const pullRequestsWhere = (where: string, params: unknown[]) => {
    const intern = interner();
    return rows(
      `SELECT ${columns(PULL_REQUEST_COLUMNS)} FROM pull_requests WHERE ${where}`,
      params,
    ).map((r) => pullRequestRow(r, intern));
  };

  return {
    async listInstallations() {
      return rows(
        `SELECT ${columns(TABLES.installations.columns)} FROM installations ORDER BY installation_id`,
        [],
      ).map((r) => installationRow(r));
    },

    async listInstallationIds() {
      return db
        .prepare(
          `SELECT installation_id FROM installations UNION SELECT installation_id FROM repositories
           ORDER BY installation_id`,
        )
        .pluck()
        .all() as number[];
    },

    async listRepositories(installationId) {
      return rows(
        `SELECT ${columns(REPOSITORY_COLUMNS)} FROM repositories WHERE installation_id = ? ORDER BY full_name`,
        [installationId],
      ).map((r) => repositoryRow(r));
    },

    async findRepositories(fullName) {
      return rows(
        `SELECT ${columns(REPOSITORY_COLUMNS)} FROM repositories WHERE full_name = ? COLLATE NOCASE
         ORDER BY installation_id`,
        [fullName],
      ).map((r) => repositoryRow(r));
    },

    async loadActivity({ installationId, repositoryIds, since, until }) {
      const repoIn = placeholders(repositoryIds);
      const intern = interner();
      // Open at or after `since`: closed since then (by the closing-time index), or still open.
      const openInPeriod = (table: string, list: readonly string[]) =>
        `SELECT ${columns(list)} FROM ${table} WHERE installation_id = ? AND repository_id IN (${repoIn})
           AND closed_at >= ? AND created_at < ?
         UNION ALL SELECT ${columns(list)} FROM ${table} WHERE installation_id = ?
           AND repository_id IN (${repoIn}) AND closed_at IS NULL AND created_at < ?`;
      const periodParams = [
        installationId,
        ...repositoryIds,
        since,
        until,
        installationId,
        ...repositoryIds,
        until,
      ];
      const pullRequests = rows(openInPeriod("pull_requests", PULL_REQUEST_COLUMNS), periodParams)
        .map((r) => pullRequestRow(r, intern))
        .sort((a, b) => a.createdAt - b.createdAt || a.pullRequestId - b.pullRequestId);
      const issues = rows(openInPeriod("issues", ISSUE_COLUMNS), periodParams)
        .map((r) => issueRow(r, intern))
        .sort((a, b) => a.createdAt - b.createdAt || a.issueId - b.issueId);
      // Sorted, so the covering indexes are walked in order.
      const prIds = pullRequests.map((pr) => pr.pullRequestId).sort((a, b) => a - b);
      return {
        repositories: rows(
          `SELECT ${columns(REPOSITORY_COLUMNS)} FROM repositories WHERE installation_id = ?
             AND repository_id IN (${repoIn})`,
          [installationId, ...repositoryIds],
        ).map((r) => repositoryRow(r)),
        pullRequests,
        reviews: reviews(installationId, prIds, intern, "pull_request_id, "),
        reviewRequests: reviewRequests(installationId, prIds, intern, "pull_request_id, "),
        timeline: byPullRequest(
          "pull_request_timeline",
          TIMELINE_COLUMNS,
          installationId,
          prIds,
          "pull_request_id, at, kind",
        ).map((r) => timelineRow(r)),
        milestones: rows(
          `SELECT ${columns(MILESTONE_COLUMNS)} FROM milestones WHERE installation_id = ?
             AND repository_id IN (${repoIn}) ORDER BY milestone_id`,
          [installationId, ...repositoryIds],
        ).map(milestoneRow),
        issues,
        issueComments: rows(
          `SELECT ${columns(ISSUE_COMMENT_COLUMNS)} FROM issue_comments WHERE installation_id = ?
             AND issue_id IN (SELECT value FROM json_each(?)) ORDER BY created_at, comment_id`,
          [installationId, JSON.stringify(issues.map((issue) => issue.issueId))],
        ).map((r) => issueCommentRow(r, intern)),
      };
    },

    async getPullRequest(installationId, pullRequestId) {
      return pullRequestsWhere("installation_id = ? AND pull_request_id = ?", [
        installationId,
        pullRequestId,
      ])[0];
    },

    async listOpenPullRequests(installationId, repositoryId) {
      return pullRequestsWhere(
        "installation_id = ? AND repository_id = ? AND state = 'open' ORDER BY number",
        [installationId, repositoryId],
      );
    },

    async listMilestones(installationId, repositoryId) {
      return rows(
        `SELECT ${columns(MILESTONE_COLUMNS)} FROM milestones WHERE installation_id = ?
           AND repository_id = ? ORDER BY number`,
        [installationId, repositoryId],
      ).map(milestoneRow);
    },

    async getMilestone(installationId, milestoneId) {
      const [found] = rows(
        `SELECT ${columns(MILESTONE_COLUMNS)} FROM milestones WHERE installation_id = ? AND milestone_id = ?`,
        [installationId, milestoneId],
      );
      return found ? milestoneRow(found) : undefined;
    },

    async listMilestonePullRequests(installationId, milestoneId) {
      return pullRequestsWhere("installation_id = ? AND milestone_id = ? ORDER BY number", [
        installationId,
        milestoneId,
      ]);
    },

    async countMilestoneItems(installationId, milestoneIds, at) {
      const counts: MilestoneCounts = new Map();
      for (const table of ["pull_requests", "issues"]) {
        const found = inChunks(milestoneIds, (chunk) =>
          rows(
            `SELECT milestone_id, SUM(CASE WHEN closed_at IS NOT NULL AND closed_at <= ? THEN 1 ELSE 0 END),
               COUNT(*) FROM ${table}
             WHERE installation_id = ? AND milestone_id IN (${placeholders(chunk)}) AND created_at <= ?
             GROUP BY milestone_id`,
            [at, installationId, ...chunk, at],
          ),
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
      // data_version moves with other connections' commits, total_changes() with this one's.
      const [version, changes] = dataVersion.get() as [number, number];
      return `${version}.${changes}`;
    },
  };
}
