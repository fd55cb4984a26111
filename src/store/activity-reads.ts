import { addMilestoneCounts, type MilestoneCounts } from "./milestone-counts.js";
import {
  type Intern,
  interner,
  issueRecord,
  milestoneRecord,
  pullRequestRecord,
  TABLES,
} from "./schema/index.js";
import type { ActivityReads } from "./store.js";

/**
 * One statement's parameters, in the backend's form. Each method binds a value and returns what
 * writes its placeholder where it is called (again for each use), collecting values in order:
 * call it in the order the placeholders stand in the text (SQLite binds `?` by position).
 */
export interface StatementParameters {
  readonly values: unknown[];
  value(value: unknown): () => string;
  /** The test "is one of these ids" for a short list (repository ids, a chunk of milestone ids). */
  oneOf(ids: readonly number[]): () => string;
  /** The test "is one of these ids" for a list of any length (a period's pull requests). */
  oneOfMany(ids: readonly number[]): () => string;
}

/** What an SQL backend writes its own way in the activity reads; the rest is the same SQL. */
export interface ReadDialect {
  /** Runs a statement, its rows as arrays of the columns selected. */
  rows(text: string, values: unknown[]): unknown[][] | Promise<unknown[][]>;
  parameters(): StatementParameters;
  /** Most ids one statement may bind through `oneOf`. */
  idsPerStatement: number;
  /** `column` equal to the text `placeholder` stands for, ignoring case. */
  equalIgnoringCase(column: string, placeholder: string): string;
  /** `column` as an `ORDER BY` term comparing text byte by byte, never by locale. */
  byCodePoint(column: string): string;
  /** How many rows of the group `condition` holds for. */
  countWhere(condition: string): string;
}

const { columns: REPOSITORY_COLUMNS, fromColumns: repositoryRow } = TABLES.repositories;
const installationRow = TABLES.installations.fromColumns;
const { columns: PULL_REQUEST_COLUMNS, fromColumns: pullRequestRow } = pullRequestRecord;
const { columns: ISSUE_COLUMNS, fromColumns: issueRow } = issueRecord;
const { columns: MILESTONE_COLUMNS, fromColumns: milestoneRow } = milestoneRecord;
const { columns: ISSUE_COMMENT_COLUMNS, fromColumns: issueCommentRow } = TABLES.issue_comments;
/** The tables read by pull request, and the order of one pull request's rows. */
const ORDER_IN_PULL_REQUEST = {
  reviews: "submitted_at, review_id",
  review_requests: "requested_at, reviewer",
  pull_request_timeline: "at, kind",
} as const;
const columns = (list: readonly string[]) => list.join(", ");

/** The activity reads of an SQL store, written once over its backend's dialect. */
export function activityReads(dialect: ReadDialect): Omit<ActivityReads, "dataVersion"> {
  /** Runs the statement `write` writes with a fresh set of parameters. */
  const select = async (write: (bind: StatementParameters) => string) => {
    const bind = dialect.parameters();
    const text = write(bind);
    return dialect.rows(text, bind.values);
  };
  /** Rows of `table` for these PRs, one statement; in a period's read `byPr` keeps each PR's together. */
  const byPullRequest = async <T extends keyof typeof ORDER_IN_PULL_REQUEST>(
    table: T,
    installationId: number,
    pullRequestIds: number[],
    intern: Intern,
    byPr = "",
  ) => {
    const { columns: list, fromColumns } = TABLES[table];
    const found = await select((bind) => {
      const installation = bind.value(installationId);
      const pullRequests = bind.oneOfMany(pullRequestIds);
      return `SELECT ${columns(list)} FROM ${table} WHERE installation_id = ${installation()}
         AND pull_request_id ${pullRequests()} ORDER BY ${byPr}${ORDER_IN_PULL_REQUEST[table]}`;
    });
    return found.map((r) => fromColumns(r, intern));
  };
  /** Pull requests matching what `where` writes, as one row type everywhere. */
  const pullRequestsWhere = async (where: (bind: StatementParameters) => string) => {
    const intern = interner();
    return (
      await select(
        (bind) => `SELECT ${columns(PULL_REQUEST_COLUMNS)} FROM pull_requests WHERE ${where(bind)}`,
      )
    ).map((r) => pullRequestRow(r, intern));
  };

  return {
    async listInstallations() {
      return (
        await select(
          () =>
            `SELECT ${columns(TABLES.installations.columns)} FROM installations ORDER BY installation_id`,
        )
      ).map((r) => installationRow(r));
    },

    async listInstallationIds() {
      return (
        await select(
          () => `SELECT installation_id FROM installations UNION SELECT installation_id FROM repositories
           ORDER BY installation_id`,
        )
      ).map(([installationId]) => installationId as number);
    },

    async listRepositories(installationId) {
      return (
        await select((bind) => {
          const installation = bind.value(installationId);
          return `SELECT ${columns(REPOSITORY_COLUMNS)} FROM repositories WHERE installation_id = ${installation()}
           ORDER BY ${dialect.byCodePoint("full_name")}`;
        })
      ).map((r) => repositoryRow(r));
    },

    async findRepositories(fullName) {
      return (
        await select((bind) => {
          const name = bind.value(fullName);
          return `SELECT ${columns(REPOSITORY_COLUMNS)} FROM repositories
           WHERE ${dialect.equalIgnoringCase("full_name", name())} ORDER BY installation_id`;
        })
      ).map((r) => repositoryRow(r));
    },

    async loadActivity({ installationId, repositoryIds, since, until }) {
      const intern = interner();
      // Open at or after `since`: closed since then (by the closing-time index), or still open.
      const openInPeriod = (table: string, list: readonly string[]) =>
        select((bind) => {
          const installation = bind.value(installationId);
          const repositories = bind.oneOf(repositoryIds);
          const [start, end] = [bind.value(since), bind.value(until)];
          return `SELECT ${columns(list)} FROM ${table} WHERE installation_id = ${installation()}
             AND repository_id ${repositories()} AND closed_at >= ${start()} AND created_at < ${end()}
           UNION ALL SELECT ${columns(list)} FROM ${table} WHERE installation_id = ${installation()}
             AND repository_id ${repositories()} AND closed_at IS NULL AND created_at < ${end()}`;
        });
      const ofRepositories = (
        bind: StatementParameters,
        table: string,
        list: readonly string[],
      ) => {
        const [installation, repositories] = [
          bind.value(installationId),
          bind.oneOf(repositoryIds),
        ];
        return `SELECT ${columns(list)} FROM ${table} WHERE installation_id = ${installation()}
           AND repository_id ${repositories()}`;
      };
      // The server runs the four at once; SQLite, one after the other.
      const [pullRequestRows, issueRows, repositories, milestones] = await Promise.all([
        openInPeriod("pull_requests", PULL_REQUEST_COLUMNS),
        openInPeriod("issues", ISSUE_COLUMNS),
        select((bind) => ofRepositories(bind, "repositories", REPOSITORY_COLUMNS)),
        select(
          (bind) =>
            `${ofRepositories(bind, "milestones", MILESTONE_COLUMNS)} ORDER BY milestone_id`,
        ),
      ]);
      const pullRequests = pullRequestRows
        .map((r) => pullRequestRow(r, intern))
        .sort((a, b) => a.createdAt - b.createdAt || a.pullRequestId - b.pullRequestId);
      const issues = issueRows
        .map((r) => issueRow(r, intern))
        .sort((a, b) => a.createdAt - b.createdAt || a.issueId - b.issueId);
      // Sorted, so the covering indexes are walked in order.
      const prIds = pullRequests.map((pr) => pr.pullRequestId).sort((a, b) => a - b);
      const byPr = "pull_request_id, ";
      const [reviews, reviewRequests, timeline, comments] = await Promise.all([
        byPullRequest("reviews", installationId, prIds, intern, byPr),
        byPullRequest("review_requests", installationId, prIds, intern, byPr),
        byPullRequest("pull_request_timeline", installationId, prIds, intern, byPr),
        select((bind) => {
          const installation = bind.value(installationId);
          const ofIssues = bind.oneOfMany(issues.map((issue) => issue.issueId));
          return `SELECT ${columns(ISSUE_COMMENT_COLUMNS)} FROM issue_comments WHERE installation_id = ${installation()}
             AND issue_id ${ofIssues()} ORDER BY created_at, comment_id`;
        }),
      ]);
      return {
        repositories: repositories.map((r) => repositoryRow(r)),
        pullRequests,
        reviews,
        reviewRequests,
        timeline,
        milestones: milestones.map((r) => milestoneRow(r)),
        issues,
        issueComments: comments.map((r) => issueCommentRow(r, intern)),
      };
    },

    async getPullRequest(installationId, pullRequestId) {
      const [found] = await pullRequestsWhere((bind) => {
        const [installation, pullRequest] = [bind.value(installationId), bind.value(pullRequestId)];
        return `installation_id = ${installation()} AND pull_request_id = ${pullRequest()}`;
      });
      return found;
    },

    async listOpenPullRequests(installationId, repositoryId) {
      return pullRequestsWhere((bind) => {
        const [installation, repository] = [bind.value(installationId), bind.value(repositoryId)];
        return `installation_id = ${installation()} AND repository_id = ${repository()} AND state = 'open' ORDER BY number`;
      });
    },

    async listMilestones(installationId, repositoryId) {
      return (
        await select((bind) => {
          const [installation, repository] = [bind.value(installationId), bind.value(repositoryId)];
          return `SELECT ${columns(MILESTONE_COLUMNS)} FROM milestones WHERE installation_id = ${installation()}
           AND repository_id = ${repository()} ORDER BY number`;
        })
      ).map((r) => milestoneRow(r));
    },

    async getMilestone(installationId, milestoneId) {
      const [found] = await select((bind) => {
        const [installation, milestone] = [bind.value(installationId), bind.value(milestoneId)];
        return `SELECT ${columns(MILESTONE_COLUMNS)} FROM milestones WHERE installation_id = ${installation()} AND milestone_id = ${milestone()}`;
      });
      return found ? milestoneRow(found) : undefined;
    },

    async listMilestonePullRequests(installationId, milestoneId) {
      return pullRequestsWhere((bind) => {
        const [installation, milestone] = [bind.value(installationId), bind.value(milestoneId)];
        return `installation_id = ${installation()} AND milestone_id = ${milestone()} ORDER BY number`;
      });
    },

    async countMilestoneItems(installationId, milestoneIds, at) {
      const counts: MilestoneCounts = new Map();
      const step = dialect.idsPerStatement;
      for (const table of ["pull_requests", "issues"]) {
        for (let i = 0; i < milestoneIds.length; i += step) {
          const found = await select((bind) => {
            const [time, installation] = [bind.value(at), bind.value(installationId)];
            const milestones = bind.oneOf(milestoneIds.slice(i, i + step));
            const closed = dialect.countWhere(`closed_at IS NOT NULL AND closed_at <= ${time()}`);
            return `SELECT milestone_id, ${closed},
               COUNT(*) FROM ${table}
             WHERE installation_id = ${installation()} AND milestone_id ${milestones()} AND created_at <= ${time()}
             GROUP BY milestone_id`;
          });
          addMilestoneCounts(counts, found);
        }
      }
      return counts;
    },

    async listReviews(installationId, pullRequestIds) {
      return byPullRequest("reviews", installationId, pullRequestIds, interner());
    },

    async listReviewRequests(installationId, pullRequestIds) {
      return byPullRequest("review_requests", installationId, pullRequestIds, interner());
    },
  };
}
