import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { migrations } from "./migrations.js";
import type {
  DeliveryRecord,
  InstallationRecord,
  IssueCommentRecord,
  IssueRecord,
  MilestoneRecord,
  Millis,
  PullRequestRecord,
  PullRequestTimelineRecord,
  RepositoryRecord,
  ReviewRecord,
  ReviewRequestRecord,
  StoreChange,
} from "./records.js";
import type {
  Activity,
  ActivityQuery,
  ApplyResult,
  BackfillCursor,
  IssueCommentRow,
  IssueRow,
  KeptSettings,
  MilestoneRow,
  Publication,
  PullRequestRow,
  ReviewRequestRow,
  ReviewRow,
  Store,
  TimelineRow,
} from "./store.js";

type Row = Record<string, unknown>;
type Db = Database.Database;

const MEMBER_ASSOCIATIONS = "('OWNER', 'MEMBER', 'COLLABORATOR')";

/** Two records of one review request from different sources are at most this far apart. */
const SAME_REQUEST_WINDOW_MS = 10_000;

function versionHash(record: object): string {
  return createHash("sha1").update(JSON.stringify(record)).digest("hex");
}

/** Newest `updated_at` wins; equal times are broken by content so any order converges. */
function wins(incoming: { updatedAt: Millis; hash: string }, existing: Row | undefined): boolean {
  if (!existing) return true;
  const at = existing.updated_at as number;
  return (
    incoming.updatedAt > at ||
    (incoming.updatedAt === at && incoming.hash > (existing.version_hash as string))
  );
}

function bool(value: unknown): boolean {
  return value === 1;
}

function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : (value as number);
}

function stringOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : (value as string);
}

function toMilestone(row: Row): MilestoneRow {
  return {
    installationId: row.installation_id as number,
    repositoryId: row.repository_id as number,
    milestoneId: row.milestone_id as number,
    number: row.number as number,
    title: row.title as string,
    state: row.state as "open" | "closed",
    dueOn: numberOrNull(row.due_on),
    closedAt: numberOrNull(row.closed_at),
    updatedAt: row.updated_at as number,
    deletedAt: numberOrNull(row.deleted_at),
  };
}

function toIssue(row: Row): IssueRow {
  return {
    installationId: row.installation_id as number,
    repositoryId: row.repository_id as number,
    issueId: row.issue_id as number,
    number: row.number as number,
    title: row.title as string,
    author: { login: row.author_login as string, type: row.author_type as string },
    authorAssociation: row.author_association as string,
    labels: JSON.parse(row.labels as string) as string[],
    state: row.state as "open" | "closed",
    createdAt: row.created_at as number,
    updatedAt: row.updated_at as number,
    closedAt: numberOrNull(row.closed_at),
    milestoneId: numberOrNull(row.milestone_id),
    firstResponseAt: numberOrNull(row.first_response_at),
    firstResponseBy: stringOrNull(row.first_response_by),
  };
}

function toIssueComment(row: Row): IssueCommentRow {
  return {
    installationId: row.installation_id as number,
    repositoryId: row.repository_id as number,
    issueId: row.issue_id as number,
    commentId: row.comment_id as number,
    author: { login: row.author_login as string, type: row.author_type as string },
    authorAssociation: row.author_association as string,
    createdAt: row.created_at as number,
  };
}

function toRepository(row: Row): RepositoryRecord {
  return {
    installationId: row.installation_id as number,
    repositoryId: row.repository_id as number,
    fullName: row.full_name as string,
    private: bool(row.private),
  };
}

/** One copy of each repeated string (logins, states) across a large read. */
function interner(): (value: unknown) => string {
  const seen = new Map<string, string>();
  return (value) => {
    const text = value as string;
    const known = seen.get(text);
    if (known !== undefined) return known;
    seen.set(text, text);
    return text;
  };
}

// Reads select named columns in raw (array) mode: much cheaper than one object per row.
const PULL_REQUEST_COLUMNS =
  "pull_request_id, repository_id, node_id, number, title, author_login, author_type, author_association, draft, state, created_at, updated_at, closed_at, merged_at, merged_by, milestone_id, head_sha, head_ref, base_ref, labels, ready_at";
const REVIEW_COLUMNS =
  "pull_request_id, submitted_at, review_id, repository_id, reviewer_login, reviewer_type, author_association, state, dismissed, commit_id";
const REQUEST_COLUMNS =
  "pull_request_id, requested_at, reviewer, reviewer_type, repository_id, requested_by, removed_at";
const TIMELINE_COLUMNS = "pull_request_id, at, kind, repository_id";

function rawPullRequest(
  installationId: number,
  r: unknown[],
  intern: (value: unknown) => string,
): PullRequestRow {
  const labels = r[19] as string;
  return {
    installationId,
    pullRequestId: r[0] as number,
    repositoryId: r[1] as number,
    nodeId: r[2] as string,
    number: r[3] as number,
    title: r[4] as string,
    author: { login: intern(r[5]), type: intern(r[6]) },
    authorAssociation: r[7] === null ? null : intern(r[7]),
    draft: r[8] === 1,
    state: intern(r[9]) as PullRequestRow["state"],
    createdAt: r[10] as number,
    updatedAt: r[11] as number,
    closedAt: numberOrNull(r[12]),
    mergedAt: numberOrNull(r[13]),
    mergedBy: r[14] === null ? null : intern(r[14]),
    milestoneId: numberOrNull(r[15]),
    headSha: r[16] as string,
    headRef: r[17] as string,
    baseRef: r[18] as string,
    labels: labels === "[]" ? [] : (JSON.parse(labels) as string[]),
    readyAt: numberOrNull(r[20]),
  };
}

function rawReview(
  installationId: number,
  r: unknown[],
  intern: (value: unknown) => string,
): ReviewRow {
  return {
    installationId,
    pullRequestId: r[0] as number,
    submittedAt: r[1] as number,
    reviewId: r[2] as number,
    repositoryId: r[3] as number,
    reviewer: { login: intern(r[4]), type: intern(r[5]) },
    authorAssociation: r[6] === null ? null : intern(r[6]),
    state: (r[7] === null ? undefined : intern(r[7])) as ReviewRow["state"],
    dismissed: r[8] === 1,
    commitId: stringOrNull(r[9]),
  };
}

function rawReviewRequest(
  installationId: number,
  r: unknown[],
  intern: (value: unknown) => string,
): ReviewRequestRow {
  return {
    installationId,
    pullRequestId: r[0] as number,
    requestedAt: r[1] as number,
    reviewer: intern(r[2]),
    reviewerType: intern(r[3]) as ReviewRequestRow["reviewerType"],
    repositoryId: r[4] as number,
    requestedBy: r[5] === null ? null : intern(r[5]),
    removedAt: numberOrNull(r[6]),
  };
}

function rawTimeline(installationId: number, r: unknown[]): TimelineRow {
  return {
    installationId,
    pullRequestId: r[0] as number,
    at: r[1] as number,
    kind: r[2] as TimelineRow["kind"],
    repositoryId: r[3] as number,
  };
}

/** Ready time from the draft transitions we know of (see DESIGN "Ready time"). */
function readyTime(createdAt: Millis, draft: boolean, timeline: Row[]): Millis | null {
  const kinds = timeline.map((t) => t.kind as string);
  if (kinds.includes("opened_ready")) return createdAt;
  const firstReady = timeline.find((t) => t.kind === "ready_for_review");
  if (kinds.includes("opened_as_draft")) return firstReady ? (firstReady.at as number) : null;
  // How it was opened is unknown: a first conversion to draft means it was opened ready.
  const first = timeline[0];
  if (first?.kind === "converted_to_draft") return createdAt;
  if (firstReady) return firstReady.at as number;
  return draft ? null : createdAt;
}

function placeholders(values: readonly unknown[]): string {
  return values.map(() => "?").join(", ");
}

/** Runs `query` over `ids` in chunks that stay below SQLite's bound-parameter limit. */
function inChunks<T>(ids: number[], query: (chunk: number[]) => T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += 500) out.push(...query(ids.slice(i, i + 500)));
  return out;
}

export interface SqliteStoreOptions {
  /** File path, or ":memory:". */
  path: string;
}

interface QueuedDelivery {
  delivery: DeliveryRecord;
  changes: StoreChange[];
  resolve: (result: ApplyResult) => void;
  reject: (error: unknown) => void;
}

/**
 * The embedded default store: better-sqlite3, WAL, each delivery atomic with its id. Deliveries
 * that arrive together (a burst of webhooks) share one commit, each in its own savepoint, so a
 * busy server pays the commit once per burst; every caller is answered only after the commit.
 */
export class SqliteStore implements Store {
  readonly db: Db;
  private readonly statements: ReturnType<SqliteStore["prepare"]>;
  private readonly applyTransaction: Database.Transaction<
    (delivery: DeliveryRecord | null, changes: StoreChange[]) => ApplyResult
  >;
  private readonly applyBatch: Database.Transaction<(batch: QueuedDelivery[]) => unknown[]>;
  private queue: QueuedDelivery[] = [];

  constructor(options: SqliteStoreOptions) {
    if (options.path !== ":memory:") mkdirSync(dirname(options.path), { recursive: true });
    this.db = new Database(options.path);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("busy_timeout = 5000");
    // Checkpoint (the only step that waits for the disk under synchronous=NORMAL) every ~40 MB
    // of log rather than every 4 MB, and give the log file back once it is done.
    this.db.pragma("wal_autocheckpoint = 10000");
    this.db.pragma("journal_size_limit = 67108864");
    this.db.pragma("foreign_keys = OFF");
    migrate(this.db);
    this.statements = this.prepare();
    this.applyTransaction = this.db.transaction((delivery, changes) => {
      if (delivery) {
        const inserted = this.statements.insertDelivery.run(
          delivery.deliveryId,
          delivery.installationId,
          delivery.event,
          delivery.action,
          delivery.receivedAt,
        );
        if (inserted.changes === 0) return "duplicate";
      }
      for (const change of changes) this.applyChange(change);
      return "applied";
    });
    this.applyBatch = this.db.transaction((batch) =>
      batch.map((queued) => {
        try {
          return this.applyTransaction(queued.delivery, queued.changes);
        } catch (error) {
          // Rolled back to this delivery's savepoint; the others in the batch still commit.
          return { error };
        }
      }),
    );
  }

  private prepare() {
    const db = this.db;
    return {
      insertDelivery: db.prepare(
        "INSERT INTO deliveries (delivery_id, installation_id, event, action, received_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (delivery_id) DO NOTHING",
      ),
      getInstallation: db.prepare("SELECT updated_at FROM installations WHERE installation_id = ?"),
      upsertInstallation: db.prepare(
        `INSERT INTO installations (installation_id, account_login, account_type, suspended, updated_at)
         VALUES (@installationId, @accountLogin, @accountType, @suspended, @updatedAt)
         ON CONFLICT (installation_id) DO UPDATE SET account_login = excluded.account_login,
           account_type = excluded.account_type, suspended = excluded.suspended, updated_at = excluded.updated_at`,
      ),
      upsertRepository: db.prepare(
        `INSERT INTO repositories (installation_id, repository_id, full_name, private)
         VALUES (@installationId, @repositoryId, @fullName, @private)
         ON CONFLICT (installation_id, repository_id) DO UPDATE SET full_name = excluded.full_name, private = excluded.private
         WHERE repositories.full_name IS NOT excluded.full_name OR repositories.private IS NOT excluded.private`,
      ),
      getPullRequest: db.prepare(
        "SELECT * FROM pull_requests WHERE installation_id = ? AND pull_request_id = ?",
      ),
      upsertPullRequest: db.prepare(
        `INSERT INTO pull_requests (installation_id, pull_request_id, repository_id, node_id, number, title,
           author_login, author_type, author_association, draft, state, created_at, updated_at, closed_at,
           merged_at, merged_by, milestone_id, head_sha, head_ref, base_ref, labels, ready_at, version_hash)
         VALUES (@installationId, @pullRequestId, @repositoryId, @nodeId, @number, @title, @authorLogin,
           @authorType, @authorAssociation, @draft, @state, @createdAt, @updatedAt, @closedAt, @mergedAt,
           @mergedBy, @milestoneId, @headSha, @headRef, @baseRef, @labels, NULL, @hash)
         ON CONFLICT (installation_id, pull_request_id) DO UPDATE SET repository_id = excluded.repository_id,
           node_id = excluded.node_id, number = excluded.number, title = excluded.title,
           author_login = excluded.author_login, author_type = excluded.author_type,
           author_association = COALESCE(excluded.author_association, pull_requests.author_association),
           draft = excluded.draft, state = excluded.state, created_at = excluded.created_at,
           updated_at = excluded.updated_at, closed_at = excluded.closed_at, merged_at = excluded.merged_at,
           merged_by = COALESCE(excluded.merged_by, pull_requests.merged_by), milestone_id = excluded.milestone_id,
           head_sha = excluded.head_sha, head_ref = excluded.head_ref, base_ref = excluded.base_ref,
           labels = excluded.labels, version_hash = excluded.version_hash`,
      ),
      fillPullRequest: db.prepare(
        `UPDATE pull_requests SET merged_by = COALESCE(merged_by, @mergedBy),
           author_association = COALESCE(author_association, @authorAssociation)
         WHERE installation_id = @installationId AND pull_request_id = @pullRequestId
           AND ((merged_by IS NULL AND @mergedBy IS NOT NULL)
             OR (author_association IS NULL AND @authorAssociation IS NOT NULL))`,
      ),
      insertTimeline: db.prepare(
        `INSERT INTO pull_request_timeline (installation_id, repository_id, pull_request_id, kind, at)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      ),
      listTimelineForPr: db.prepare(
        "SELECT kind, at FROM pull_request_timeline WHERE installation_id = ? AND pull_request_id = ? ORDER BY at, kind",
      ),
      setReadyAt: db.prepare(
        "UPDATE pull_requests SET ready_at = @readyAt WHERE installation_id = @installationId AND pull_request_id = @pullRequestId AND ready_at IS NOT @readyAt",
      ),
      insertReviewRequest: db.prepare(
        `INSERT INTO review_requests (installation_id, repository_id, pull_request_id, reviewer, reviewer_type,
           requested_at, requested_by, removed_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)
         ON CONFLICT DO UPDATE SET requested_by = COALESCE(review_requests.requested_by, excluded.requested_by)`,
      ),
      insertReviewRequestRemoval: db.prepare(
        `INSERT INTO review_request_removals (installation_id, repository_id, pull_request_id, reviewer, removed_at)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      ),
      listRequestsOfReviewer: db.prepare(
        `SELECT requested_at FROM review_requests WHERE installation_id = ? AND pull_request_id = ? AND reviewer = ?
         ORDER BY requested_at`,
      ),
      listRemovalsOfReviewer: db.prepare(
        `SELECT removed_at FROM review_request_removals WHERE installation_id = ? AND pull_request_id = ? AND reviewer = ?
         ORDER BY removed_at`,
      ),
      deleteReviewRequest: db.prepare(
        `DELETE FROM review_requests WHERE installation_id = ? AND pull_request_id = ? AND reviewer = ?
         AND requested_at = ?`,
      ),
      setRequestRemovedAt: db.prepare(
        `UPDATE review_requests SET removed_at = ? WHERE installation_id = ? AND pull_request_id = ? AND reviewer = ?
         AND requested_at = ?`,
      ),
      upsertReview: db.prepare(
        `INSERT INTO reviews (installation_id, review_id, repository_id, pull_request_id, reviewer_login, reviewer_type,
           author_association, state, dismissed, submitted_at, commit_id)
         VALUES (@installationId, @reviewId, @repositoryId, @pullRequestId, @reviewerLogin, @reviewerType,
           @authorAssociation, @state, @dismissed, @submittedAt, @commitId)
         ON CONFLICT (installation_id, review_id) DO UPDATE SET
           state = COALESCE(excluded.state, reviews.state),
           dismissed = MAX(reviews.dismissed, excluded.dismissed),
           author_association = COALESCE(excluded.author_association, reviews.author_association),
           commit_id = COALESCE(excluded.commit_id, reviews.commit_id)`,
      ),
      getMilestone: db.prepare(
        "SELECT updated_at, version_hash FROM milestones WHERE installation_id = ? AND milestone_id = ?",
      ),
      upsertMilestone: db.prepare(
        `INSERT INTO milestones (installation_id, milestone_id, repository_id, number, title, state, due_on, closed_at,
           updated_at, deleted_at, version_hash)
         VALUES (@installationId, @milestoneId, @repositoryId, @number, @title, @state, @dueOn, @closedAt, @updatedAt,
           NULL, @hash)
         ON CONFLICT (installation_id, milestone_id) DO UPDATE SET repository_id = excluded.repository_id,
           number = excluded.number, title = excluded.title, state = excluded.state, due_on = excluded.due_on,
           closed_at = excluded.closed_at, updated_at = excluded.updated_at, version_hash = excluded.version_hash`,
      ),
      deleteMilestone: db.prepare(
        `UPDATE milestones SET deleted_at = MIN(COALESCE(deleted_at, ?), ?) WHERE installation_id = ? AND milestone_id = ?`,
      ),
      getIssue: db.prepare(
        "SELECT updated_at, version_hash, author_login, repository_id FROM issues WHERE installation_id = ? AND issue_id = ?",
      ),
      upsertIssue: db.prepare(
        `INSERT INTO issues (installation_id, issue_id, repository_id, number, title, author_login, author_type,
           author_association, labels, state, created_at, updated_at, closed_at, milestone_id, version_hash)
         VALUES (@installationId, @issueId, @repositoryId, @number, @title, @authorLogin, @authorType,
           @authorAssociation, @labels, @state, @createdAt, @updatedAt, @closedAt, @milestoneId, @hash)
         ON CONFLICT (installation_id, issue_id) DO UPDATE SET repository_id = excluded.repository_id,
           number = excluded.number, title = excluded.title, author_login = excluded.author_login,
           author_type = excluded.author_type, author_association = excluded.author_association,
           labels = excluded.labels, state = excluded.state, created_at = excluded.created_at,
           updated_at = excluded.updated_at, closed_at = excluded.closed_at, milestone_id = excluded.milestone_id,
           version_hash = excluded.version_hash`,
      ),
      deleteIssue: db.prepare("DELETE FROM issues WHERE installation_id = ? AND issue_id = ?"),
      deleteIssueComments: db.prepare(
        "DELETE FROM issue_comments WHERE installation_id = ? AND issue_id = ?",
      ),
      upsertIssueComment: db.prepare(
        `INSERT INTO issue_comments (installation_id, comment_id, repository_id, issue_id, author_login, author_type,
           author_association, created_at)
         VALUES (@installationId, @commentId, @repositoryId, @issueId, @authorLogin, @authorType, @authorAssociation,
           @createdAt)
         ON CONFLICT (installation_id, comment_id) DO UPDATE SET author_association = excluded.author_association`,
      ),
      getIssueComment: db.prepare(
        "SELECT issue_id FROM issue_comments WHERE installation_id = ? AND comment_id = ?",
      ),
      deleteIssueComment: db.prepare(
        "DELETE FROM issue_comments WHERE installation_id = ? AND comment_id = ?",
      ),
      firstResponse: db.prepare(
        `SELECT c.created_at, c.author_login FROM issue_comments c JOIN issues i
           ON i.installation_id = c.installation_id AND i.issue_id = c.issue_id
         WHERE c.installation_id = ? AND c.issue_id = ? AND c.author_association IN ${MEMBER_ASSOCIATIONS}
           AND c.author_login <> i.author_login AND c.author_type <> 'Bot' AND c.author_login NOT LIKE '%[bot]'
         ORDER BY c.created_at, c.comment_id LIMIT 1`,
      ),
      setFirstResponse: db.prepare(
        `UPDATE issues SET first_response_at = @at, first_response_by = @by WHERE installation_id = @installationId
         AND issue_id = @issueId AND (first_response_at IS NOT @at OR first_response_by IS NOT @by)`,
      ),
      deleteKeptSettings: db.prepare(
        `DELETE FROM kept_settings WHERE installation_id = @installationId AND repository =
           (SELECT lower(full_name) FROM repositories
            WHERE installation_id = @installationId AND repository_id = @repositoryId)`,
      ),
      dataVersion: db.prepare("SELECT data_version, total_changes() FROM pragma_data_version()"),
      getPublication: db.prepare(
        "SELECT * FROM publications WHERE installation_id = ? AND key = ?",
      ),
      putPublication: db.prepare(
        `INSERT INTO publications (installation_id, key, target_id, content_hash, state, updated_at)
         VALUES (@installationId, @key, @targetId, @contentHash, @state, @updatedAt)
         ON CONFLICT (installation_id, key) DO UPDATE SET target_id = excluded.target_id,
           content_hash = excluded.content_hash, state = excluded.state, updated_at = excluded.updated_at`,
      ),
    };
  }

  private applyChange(change: StoreChange): void {
    const s = this.statements;
    switch (change.kind) {
      case "installation":
        this.applyInstallation(change.record);
        return;
      case "installation_deleted":
        this.purge("installation_id = ?", [change.installationId], true);
        return;
      case "repository":
        s.upsertRepository.run({ ...change.record, private: change.record.private ? 1 : 0 });
        return;
      case "repository_removed":
        // Kept by name: looked up before the repository's row goes.
        s.deleteKeptSettings.run({
          installationId: change.installationId,
          repositoryId: change.repositoryId,
        });
        this.purge("installation_id = ? AND repository_id = ?", [
          change.installationId,
          change.repositoryId,
        ]);
        return;
      case "pull_request":
        this.applyPullRequest(change.record);
        return;
      case "pull_request_timeline":
        this.applyTimeline(change.record);
        return;
      case "review_requested":
      case "review_request_removed":
        this.applyReviewRequest(change.record, change.kind === "review_request_removed");
        return;
      case "review":
        this.applyReview(change.record);
        return;
      case "milestone":
        this.applyMilestone(change.record);
        return;
      case "milestone_deleted":
        s.deleteMilestone.run(change.at, change.at, change.installationId, change.milestoneId);
        return;
      case "issue":
        this.applyIssue(change.record);
        return;
      case "issue_deleted":
        s.deleteIssue.run(change.installationId, change.issueId);
        s.deleteIssueComments.run(change.installationId, change.issueId);
        return;
      case "issue_comment":
        this.applyIssueComment(change.record);
        return;
      case "issue_comment_deleted": {
        const comment = s.getIssueComment.get(change.installationId, change.commentId) as
          | Row
          | undefined;
        s.deleteIssueComment.run(change.installationId, change.commentId);
        if (comment) this.refreshFirstResponse(change.installationId, comment.issue_id as number);
        return;
      }
    }
  }

  private applyInstallation(record: InstallationRecord): void {
    const existing = this.statements.getInstallation.get(record.installationId) as Row | undefined;
    if (existing && (existing.updated_at as number) > record.updatedAt) return;
    this.statements.upsertInstallation.run({ ...record, suspended: record.suspended ? 1 : 0 });
  }

  private purge(where: string, params: number[], includeInstallation = false): void {
    const tables = [
      "repositories",
      "pull_requests",
      "pull_request_timeline",
      "review_requests",
      "review_request_removals",
      "reviews",
      "milestones",
      "issues",
      "issue_comments",
      "backfill_cursors",
    ];
    for (const table of tables)
      this.db.prepare(`DELETE FROM ${table} WHERE ${where}`).run(...params);
    if (includeInstallation) {
      this.db.prepare(`DELETE FROM kept_settings WHERE ${where}`).run(...params);
      this.db.prepare(`DELETE FROM installations WHERE ${where}`).run(...params);
      this.db.prepare(`DELETE FROM publications WHERE ${where}`).run(...params);
    }
  }

  private applyPullRequest(record: PullRequestRecord): void {
    const s = this.statements;
    const hash = versionHash(record);
    const existing = s.getPullRequest.get(record.installationId, record.pullRequestId) as
      | Row
      | undefined;
    if (existing && !wins({ updatedAt: record.updatedAt, hash }, existing)) {
      s.fillPullRequest.run({
        mergedBy: record.mergedBy ?? null,
        authorAssociation: record.authorAssociation ?? null,
        installationId: record.installationId,
        pullRequestId: record.pullRequestId,
      });
      return;
    }
    const draft = record.draft ?? (existing ? bool(existing.draft) : false);
    s.upsertPullRequest.run({
      ...record,
      authorLogin: record.author.login,
      authorType: record.author.type,
      authorAssociation: record.authorAssociation ?? null,
      draft: draft ? 1 : 0,
      mergedBy: record.mergedBy ?? null,
      labels: JSON.stringify(record.labels),
      hash,
    });
    this.refreshReadyAt(record.installationId, record.pullRequestId, record.createdAt, draft);
  }

  private applyTimeline(record: PullRequestTimelineRecord): void {
    const pr = this.statements.getPullRequest.get(record.installationId, record.pullRequestId) as
      | Row
      | undefined;
    this.statements.insertTimeline.run(
      record.installationId,
      pr?.repository_id ?? 0,
      record.pullRequestId,
      record.kind,
      record.at,
    );
    if (pr) {
      this.refreshReadyAt(
        record.installationId,
        record.pullRequestId,
        pr.created_at as number,
        bool(pr.draft),
      );
    }
  }

  /** Recomputes a PR's ready time from its creation, draft state and draft transitions. */
  private refreshReadyAt(
    installationId: number,
    pullRequestId: number,
    createdAt: Millis,
    draft: boolean,
  ): void {
    const timeline = this.statements.listTimelineForPr.all(installationId, pullRequestId) as Row[];
    this.statements.setReadyAt.run({
      readyAt: readyTime(createdAt, draft, timeline),
      installationId,
      pullRequestId,
    });
  }

  private repositoryOf(installationId: number, pullRequestId: number): number {
    const pr = this.statements.getPullRequest.get(installationId, pullRequestId) as Row | undefined;
    return (pr?.repository_id as number | undefined) ?? 0;
  }

  private applyReviewRequest(record: ReviewRequestRecord, removed: boolean): void {
    const s = this.statements;
    const { installationId, pullRequestId, reviewer } = record;
    const repositoryId = this.repositoryOf(installationId, pullRequestId);
    if (removed) {
      s.insertReviewRequestRemoval.run(
        installationId,
        repositoryId,
        pullRequestId,
        reviewer,
        record.at,
      );
    } else {
      // Webhooks time a request by the PR's updated_at, GraphQL by the event's createdAt: the
      // same request seen by both lands a second or so apart. Keep the earliest of such a pair.
      const near = (s.listRequestsOfReviewer.all(installationId, pullRequestId, reviewer) as Row[])
        .map((row) => row.requested_at as number)
        .filter((at) => Math.abs(at - record.at) <= SAME_REQUEST_WINDOW_MS);
      if (!near.some((at) => at <= record.at)) {
        for (const at of near)
          s.deleteReviewRequest.run(installationId, pullRequestId, reviewer, at);
        s.insertReviewRequest.run(
          installationId,
          repositoryId,
          pullRequestId,
          reviewer,
          record.reviewerType,
          record.at,
          record.by,
        );
      }
    }
    // A removal voids the request it follows, up to the next request of the same reviewer.
    const requests = s.listRequestsOfReviewer.all(installationId, pullRequestId, reviewer) as Row[];
    const removals = (
      s.listRemovalsOfReviewer.all(installationId, pullRequestId, reviewer) as Row[]
    ).map((r) => r.removed_at as number);
    requests.forEach((request, i) => {
      const from = request.requested_at as number;
      const next =
        (requests[i + 1]?.requested_at as number | undefined) ?? Number.POSITIVE_INFINITY;
      const removal = removals.find((at) => at >= from && at < next) ?? null;
      s.setRequestRemovedAt.run(removal, installationId, pullRequestId, reviewer, from);
    });
  }

  private applyReview(record: ReviewRecord): void {
    this.statements.upsertReview.run({
      installationId: record.installationId,
      reviewId: record.reviewId,
      repositoryId: this.repositoryOf(record.installationId, record.pullRequestId),
      pullRequestId: record.pullRequestId,
      reviewerLogin: record.reviewer.login,
      reviewerType: record.reviewer.type,
      authorAssociation: record.authorAssociation ?? null,
      state: record.state ?? null,
      dismissed: record.dismissed ? 1 : 0,
      submittedAt: record.submittedAt,
      commitId: record.commitId,
    });
  }

  private applyMilestone(record: MilestoneRecord): void {
    const hash = versionHash(record);
    const existing = this.statements.getMilestone.get(record.installationId, record.milestoneId) as
      | Row
      | undefined;
    if (wins({ updatedAt: record.updatedAt, hash }, existing))
      this.statements.upsertMilestone.run({ ...record, hash });
  }

  private applyIssue(record: IssueRecord): void {
    const hash = versionHash(record);
    const existing = this.statements.getIssue.get(record.installationId, record.issueId) as
      | Row
      | undefined;
    if (!wins({ updatedAt: record.updatedAt, hash }, existing)) return;
    this.statements.upsertIssue.run({
      ...record,
      authorLogin: record.author.login,
      authorType: record.author.type,
      labels: JSON.stringify(record.labels),
      hash,
    });
    this.refreshFirstResponse(record.installationId, record.issueId);
  }

  private applyIssueComment(record: IssueCommentRecord): void {
    const issue = this.statements.getIssue.get(record.installationId, record.issueId) as
      | Row
      | undefined;
    this.statements.upsertIssueComment.run({
      installationId: record.installationId,
      commentId: record.commentId,
      repositoryId: (issue?.repository_id as number | undefined) ?? 0,
      issueId: record.issueId,
      authorLogin: record.author.login,
      authorType: record.author.type,
      authorAssociation: record.authorAssociation,
      createdAt: record.createdAt,
    });
    this.refreshFirstResponse(record.installationId, record.issueId);
  }

  private refreshFirstResponse(installationId: number, issueId: number): void {
    const first = this.statements.firstResponse.get(installationId, issueId) as Row | undefined;
    this.statements.setFirstResponse.run({
      at: first ? first.created_at : null,
      by: first ? first.author_login : null,
      installationId,
      issueId,
    });
  }

  async applyDelivery(delivery: DeliveryRecord, changes: StoreChange[]): Promise<ApplyResult> {
    return new Promise((resolve, reject) => {
      if (this.queue.push({ delivery, changes, resolve, reject }) === 1)
        setImmediate(() => this.flush());
    });
  }

  /** Commits every delivery queued since the last flush, then answers their callers. */
  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    let results: unknown[];
    try {
      // IMMEDIATE: a transaction that reads before it writes cannot be upgraded once another
      // connection has written (SQLITE_BUSY without waiting); taking the write lock first waits.
      const [only] = batch;
      results =
        batch.length === 1 && only
          ? [this.applyTransaction.immediate(only.delivery, only.changes)]
          : this.applyBatch.immediate(batch);
    } catch (error) {
      for (const queued of batch) queued.reject(error);
      return;
    }
    batch.forEach((queued, i) => {
      const result = results[i];
      if (typeof result === "string") queued.resolve(result as ApplyResult);
      else queued.reject((result as { error: unknown }).error);
    });
  }

  async applyChanges(changes: StoreChange[]): Promise<void> {
    this.applyTransaction.immediate(null, changes);
  }

  async recordFailedDelivery(
    delivery: DeliveryRecord,
    payload: string,
    error: string,
  ): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO failed_deliveries (delivery_id, installation_id, event, payload, error, received_at)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (delivery_id) DO NOTHING`,
      )
      .run(
        delivery.deliveryId,
        delivery.installationId,
        delivery.event,
        payload,
        error,
        delivery.receivedAt,
      );
  }

  async pruneFailedDeliveries(receivedBefore: Millis): Promise<number> {
    return this.db
      .prepare("DELETE FROM failed_deliveries WHERE received_at < ?")
      .run(receivedBefore).changes;
  }

  async listInstallations(): Promise<InstallationRecord[]> {
    const rows = this.db
      .prepare("SELECT * FROM installations ORDER BY installation_id")
      .all() as Row[];
    return rows.map((row) => ({
      installationId: row.installation_id as number,
      accountLogin: row.account_login as string,
      accountType: row.account_type as string,
      suspended: bool(row.suspended),
      updatedAt: row.updated_at as number,
    }));
  }

  async listInstallationIds(): Promise<number[]> {
    const rows = this.db
      .prepare(
        `SELECT installation_id FROM installations UNION SELECT installation_id FROM repositories
         ORDER BY installation_id`,
      )
      .all() as Row[];
    return rows.map((row) => row.installation_id as number);
  }

  async listRepositories(installationId: number): Promise<RepositoryRecord[]> {
    const rows = this.db
      .prepare("SELECT * FROM repositories WHERE installation_id = ? ORDER BY full_name")
      .all(installationId) as Row[];
    return rows.map(toRepository);
  }

  async findRepositories(fullName: string): Promise<RepositoryRecord[]> {
    const rows = this.db
      .prepare(
        "SELECT * FROM repositories WHERE full_name = ? COLLATE NOCASE ORDER BY installation_id",
      )
      .all(fullName) as Row[];
    return rows.map(toRepository);
  }

  async loadActivity(query: ActivityQuery): Promise<Activity> {
    const { installationId, repositoryIds, since, until } = query;
    const repoIn = placeholders(repositoryIds);
    const intern = interner();
    // Open at or after `since`: closed since then (by the closing-time index), or still open.
    const openInPeriod = (table: string, columns: string) =>
      `SELECT ${columns} FROM ${table} WHERE installation_id = ? AND repository_id IN (${repoIn})
         AND closed_at >= ? AND created_at < ?
       UNION ALL SELECT ${columns} FROM ${table} WHERE installation_id = ? AND repository_id IN (${repoIn})
         AND closed_at IS NULL AND created_at < ?`;
    const periodParams = [
      installationId,
      ...repositoryIds,
      since,
      until,
      installationId,
      ...repositoryIds,
      until,
    ];
    const pullRequests = (
      this.db
        .prepare(openInPeriod("pull_requests", PULL_REQUEST_COLUMNS))
        .raw()
        .all(...periodParams) as unknown[][]
    )
      .map((row) => rawPullRequest(installationId, row, intern))
      .sort((a, b) => a.createdAt - b.createdAt || a.pullRequestId - b.pullRequestId);
    const issues = (this.db.prepare(openInPeriod("issues", "*")).all(...periodParams) as Row[])
      .map(toIssue)
      .sort((a, b) => a.createdAt - b.createdAt || a.issueId - b.issueId);
    // Sorted, so the covering indexes are walked in order.
    const prIds = pullRequests.map((pr) => pr.pullRequestId).sort((a, b) => a - b);
    const issueIds = JSON.stringify(issues.map((issue) => issue.issueId));
    const byPullRequest = (columns: string, table: string, order: string) =>
      this.byPullRequest(table, columns, installationId, prIds, `pull_request_id, ${order}`);
    return {
      repositories: (
        this.db
          .prepare(
            `SELECT * FROM repositories WHERE installation_id = ? AND repository_id IN (${repoIn})`,
          )
          .all(installationId, ...repositoryIds) as Row[]
      ).map(toRepository),
      pullRequests,
      reviews: byPullRequest(REVIEW_COLUMNS, "reviews", "submitted_at, review_id").map((row) =>
        rawReview(installationId, row, intern),
      ),
      reviewRequests: byPullRequest(
        REQUEST_COLUMNS,
        "review_requests",
        "requested_at, reviewer",
      ).map((row) => rawReviewRequest(installationId, row, intern)),
      timeline: byPullRequest(TIMELINE_COLUMNS, "pull_request_timeline", "at, kind").map((row) =>
        rawTimeline(installationId, row),
      ),
      milestones: (
        this.db
          .prepare(
            `SELECT * FROM milestones WHERE installation_id = ? AND repository_id IN (${repoIn}) ORDER BY milestone_id`,
          )
          .all(installationId, ...repositoryIds) as Row[]
      ).map(toMilestone),
      issues,
      issueComments: (
        this.db
          .prepare(
            `SELECT * FROM issue_comments WHERE installation_id = ?
               AND issue_id IN (SELECT value FROM json_each(?)) ORDER BY created_at, comment_id`,
          )
          .all(installationId, issueIds) as Row[]
      ).map(toIssueComment),
    };
  }

  /** Rows of `table` for these PRs, in array form (`columns` in order), one statement. */
  private byPullRequest(
    table: string,
    columns: string,
    installationId: number,
    prIds: number[],
    orderBy: string,
  ): unknown[][] {
    // The ids go in as one JSON array, not thousands of parameters.
    return this.db
      .prepare(
        `SELECT ${columns} FROM ${table} WHERE installation_id = ?
           AND pull_request_id IN (SELECT value FROM json_each(?)) ORDER BY ${orderBy}`,
      )
      .raw()
      .all(installationId, JSON.stringify(prIds)) as unknown[][];
  }

  /** Pull requests matching `where`, in array form, as one row type everywhere. */
  private pullRequestsWhere(where: string, params: unknown[]): PullRequestRow[] {
    const intern = interner();
    return (
      this.db
        .prepare(
          `SELECT installation_id, ${PULL_REQUEST_COLUMNS} FROM pull_requests WHERE ${where}`,
        )
        .raw()
        .all(...params) as unknown[][]
    ).map(([installationId, ...row]) => rawPullRequest(installationId as number, row, intern));
  }

  async getPullRequest(
    installationId: number,
    pullRequestId: number,
  ): Promise<PullRequestRow | undefined> {
    return this.pullRequestsWhere("installation_id = ? AND pull_request_id = ?", [
      installationId,
      pullRequestId,
    ])[0];
  }

  async listOpenPullRequests(
    installationId: number,
    repositoryId: number,
  ): Promise<PullRequestRow[]> {
    return this.pullRequestsWhere(
      "installation_id = ? AND repository_id = ? AND state = 'open' ORDER BY number",
      [installationId, repositoryId],
    );
  }

  async listMilestones(installationId: number, repositoryId: number): Promise<MilestoneRow[]> {
    const rows = this.db
      .prepare(
        "SELECT * FROM milestones WHERE installation_id = ? AND repository_id = ? ORDER BY number",
      )
      .all(installationId, repositoryId) as Row[];
    return rows.map(toMilestone);
  }

  async getMilestone(
    installationId: number,
    milestoneId: number,
  ): Promise<MilestoneRow | undefined> {
    const row = this.db
      .prepare("SELECT * FROM milestones WHERE installation_id = ? AND milestone_id = ?")
      .get(installationId, milestoneId) as Row | undefined;
    return row ? toMilestone(row) : undefined;
  }

  async listMilestonePullRequests(
    installationId: number,
    milestoneId: number,
  ): Promise<PullRequestRow[]> {
    return this.pullRequestsWhere("installation_id = ? AND milestone_id = ? ORDER BY number", [
      installationId,
      milestoneId,
    ]);
  }

  async countMilestoneItems(
    installationId: number,
    milestoneIds: number[],
    at: Millis,
  ): Promise<Map<number, { open: number; closed: number }>> {
    const counts = new Map<number, { open: number; closed: number }>();
    for (const table of ["pull_requests", "issues"]) {
      const rows = inChunks(
        milestoneIds,
        (chunk) =>
          this.db
            .prepare(
              `SELECT milestone_id, SUM(CASE WHEN closed_at IS NOT NULL AND closed_at <= ? THEN 1 ELSE 0 END) AS closed,
                 COUNT(*) AS total FROM ${table}
               WHERE installation_id = ? AND milestone_id IN (${placeholders(chunk)}) AND created_at <= ?
               GROUP BY milestone_id`,
            )
            .all(at, installationId, ...chunk, at) as Row[],
      );
      for (const row of rows) {
        const id = row.milestone_id as number;
        const entry = counts.get(id) ?? { open: 0, closed: 0 };
        entry.closed += row.closed as number;
        entry.open += (row.total as number) - (row.closed as number);
        counts.set(id, entry);
      }
    }
    return counts;
  }

  async listReviews(installationId: number, pullRequestIds: number[]): Promise<ReviewRow[]> {
    const intern = interner();
    return this.byPullRequest(
      "reviews",
      REVIEW_COLUMNS,
      installationId,
      pullRequestIds,
      "submitted_at, review_id",
    ).map((row) => rawReview(installationId, row, intern));
  }

  async listReviewRequests(
    installationId: number,
    pullRequestIds: number[],
  ): Promise<ReviewRequestRow[]> {
    const intern = interner();
    return this.byPullRequest(
      "review_requests",
      REQUEST_COLUMNS,
      installationId,
      pullRequestIds,
      "requested_at, reviewer",
    ).map((row) => rawReviewRequest(installationId, row, intern));
  }

  async putSettings(settings: KeptSettings): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO kept_settings (installation_id, repository, settings, updated_at)
         VALUES (@installationId, lower(@repository), @settings, @updatedAt)
         ON CONFLICT (installation_id, repository) DO UPDATE SET settings = excluded.settings,
           updated_at = excluded.updated_at WHERE kept_settings.settings IS NOT excluded.settings`,
      )
      .run(settings);
  }

  async listSettings(installationId: number): Promise<KeptSettings[]> {
    const rows = this.db
      .prepare("SELECT * FROM kept_settings WHERE installation_id = ? ORDER BY repository")
      .all(installationId) as Row[];
    return rows.map((row) => ({
      installationId: row.installation_id as number,
      repository: row.repository as string,
      settings: row.settings as string,
      updatedAt: row.updated_at as number,
    }));
  }

  async getPublication(installationId: number, key: string): Promise<Publication | undefined> {
    const row = this.statements.getPublication.get(installationId, key) as Row | undefined;
    if (!row) return undefined;
    return {
      installationId: row.installation_id as number,
      key: row.key as string,
      targetId: numberOrNull(row.target_id),
      contentHash: row.content_hash as string,
      state: row.state as string,
      updatedAt: row.updated_at as number,
    };
  }

  async putPublication(publication: Publication): Promise<void> {
    this.statements.putPublication.run(publication);
  }

  async acquireLease(job: string, owner: string, now: Millis, ttlMs: number): Promise<boolean> {
    const result = this.db
      .prepare(
        `INSERT INTO jobs (name, next_run_at, lease_owner, lease_until) VALUES (?, 0, ?, ?)
         ON CONFLICT (name) DO UPDATE SET lease_owner = excluded.lease_owner, lease_until = excluded.lease_until
         WHERE jobs.lease_owner IS NULL OR jobs.lease_owner = excluded.lease_owner OR jobs.lease_until <= ?`,
      )
      .run(job, owner, now + ttlMs, now);
    return result.changes === 1;
  }

  async releaseLease(job: string, owner: string): Promise<void> {
    this.db
      .prepare(
        "UPDATE jobs SET lease_owner = NULL, lease_until = NULL WHERE name = ? AND lease_owner = ?",
      )
      .run(job, owner);
  }

  async getNextRun(job: string): Promise<Millis | undefined> {
    const row = this.db.prepare("SELECT next_run_at FROM jobs WHERE name = ?").get(job) as
      | Row
      | undefined;
    return row && (row.next_run_at as number) > 0 ? (row.next_run_at as number) : undefined;
  }

  async setNextRun(job: string, nextRunAt: Millis, lastRunAt: Millis | null): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO jobs (name, next_run_at, last_run_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET next_run_at = excluded.next_run_at,
           last_run_at = COALESCE(excluded.last_run_at, jobs.last_run_at)`,
      )
      .run(job, nextRunAt, lastRunAt);
  }

  async getBackfillCursor(installationId: number, repositoryId: number, kind: string) {
    const row = this.db
      .prepare(
        "SELECT * FROM backfill_cursors WHERE installation_id = ? AND repository_id = ? AND kind = ?",
      )
      .get(installationId, repositoryId, kind) as Row | undefined;
    if (!row) return undefined;
    return {
      cursor: stringOrNull(row.cursor),
      since: numberOrNull(row.since),
      done: bool(row.done),
    };
  }

  async putBackfillCursor(
    installationId: number,
    repositoryId: number,
    kind: string,
    value: { cursor: string | null; since: Millis | null; done: boolean },
    now: Millis,
  ): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO backfill_cursors (installation_id, repository_id, kind, cursor, since, done, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (installation_id, repository_id, kind) DO UPDATE SET cursor = excluded.cursor,
           since = excluded.since, done = excluded.done, updated_at = excluded.updated_at`,
      )
      .run(installationId, repositoryId, kind, value.cursor, value.since, value.done ? 1 : 0, now);
  }

  async applyBackfillPage(
    changes: StoreChange[],
    cursor: BackfillCursor,
    now: Millis,
    previous: string | null,
  ): Promise<boolean> {
    const { installationId, repositoryId, kind } = cursor;
    const apply = this.db.transaction(() => {
      const row = this.db
        .prepare(
          "SELECT cursor FROM backfill_cursors WHERE installation_id = ? AND repository_id = ? AND kind = ?",
        )
        .get(installationId, repositoryId, kind) as Row | undefined;
      if (stringOrNull(row?.cursor) !== previous) return false;
      for (const change of changes) this.applyChange(change);
      this.db
        .prepare(
          `INSERT INTO backfill_cursors (installation_id, repository_id, kind, cursor, since, done, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (installation_id, repository_id, kind) DO UPDATE SET cursor = excluded.cursor,
             since = excluded.since, done = excluded.done, updated_at = excluded.updated_at`,
        )
        .run(
          installationId,
          repositoryId,
          kind,
          cursor.cursor,
          cursor.since,
          cursor.done ? 1 : 0,
          now,
        );
      return true;
    });
    // It reads the cursor before it writes: take the write lock first (see applyDelivery).
    return apply.immediate();
  }

  async listUnfinishedBackfills(installationId: number): Promise<BackfillCursor[]> {
    const rows = this.db
      .prepare(
        "SELECT * FROM backfill_cursors WHERE installation_id = ? AND done = 0 ORDER BY repository_id, kind",
      )
      .all(installationId) as Row[];
    return rows.map((row) => ({
      installationId: row.installation_id as number,
      repositoryId: row.repository_id as number,
      kind: row.kind as string,
      cursor: stringOrNull(row.cursor),
      since: numberOrNull(row.since),
      done: bool(row.done),
    }));
  }

  async dataVersion(): Promise<string> {
    // data_version moves with other connections' commits, total_changes() with this one's.
    const [version, changes] = this.statements.dataVersion.raw().get() as [number, number];
    return `${version}.${changes}`;
  }

  async close(): Promise<void> {
    if (this.queue.length > 0) this.flush();
    this.db.close();
  }
}

function migrate(db: Db): void {
  db.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)",
  );
  const applied = new Set(
    (db.prepare("SELECT version FROM schema_migrations").all() as Row[]).map(
      (r) => r.version as number,
    ),
  );
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare("INSERT INTO schema_migrations (version, name) VALUES (?, ?)").run(
        migration.version,
        migration.name,
      );
    })();
  }
}
