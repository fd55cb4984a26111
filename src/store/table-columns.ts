import type {
  IssueCommentRow,
  IssueRow,
  MilestoneRow,
  PullRequestRow,
  ReviewRequestRow,
  ReviewRow,
  TeamMemberRow,
} from "./rows.js";
import type { StoredRows, TableName } from "./stored-rows.js";

/** Gives one copy of each repeated string (logins, states) across a large read. */
export type Intern = (value: unknown) => string;

export function interner(): Intern {
  const seen = new Map<string, string>();
  return (value) => {
    const text = value as string;
    const known = seen.get(text);
    if (known !== undefined) return known;
    seen.set(text, text);
    return text;
  };
}

const asIs: Intern = (value) => value as string;

/**
 * How one table's rows are kept by every backend: its columns in order, and the row to and from
 * an array of column values (raw rows: much cheaper than one object per row). Booleans are
 * written 0/1 (PostgreSQL reads that as a boolean) and read as either, label lists are JSON text,
 * times integer epoch milliseconds.
 */
export interface TableColumns<T extends TableName> {
  columns: readonly string[];
  toColumns(row: StoredRows[T]): unknown[];
  fromColumns(r: unknown[], intern?: Intern): StoredRows[T];
}

/** A boolean column: SQLite gives 0/1, PostgreSQL true/false. */
function flag(value: unknown): boolean {
  return value === 1 || value === true;
}

function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : (value as number);
}

function stringOrNull(value: unknown, intern: Intern = asIs): string | null {
  return value === null || value === undefined ? null : intern(value);
}

function labels(text: unknown): string[] {
  return text === "[]" ? [] : (JSON.parse(text as string) as string[]);
}

export const PULL_REQUEST_COLUMNS = [
  "installation_id",
  "pull_request_id",
  "repository_id",
  "node_id",
  "number",
  "title",
  "author_login",
  "author_type",
  "author_association",
  "draft",
  "state",
  "created_at",
  "updated_at",
  "closed_at",
  "merged_at",
  "merged_by",
  "milestone_id",
  "head_sha",
  "head_ref",
  "base_ref",
  "labels",
  "ready_at",
] as const;

export function pullRequestRow(r: unknown[], intern: Intern = asIs): PullRequestRow {
  return {
    installationId: r[0] as number,
    pullRequestId: r[1] as number,
    repositoryId: r[2] as number,
    nodeId: r[3] as string,
    number: r[4] as number,
    title: r[5] as string,
    author: { login: intern(r[6]), type: intern(r[7]) },
    authorAssociation: stringOrNull(r[8], intern),
    draft: flag(r[9]),
    state: intern(r[10]) as PullRequestRow["state"],
    createdAt: r[11] as number,
    updatedAt: r[12] as number,
    closedAt: numberOrNull(r[13]),
    mergedAt: numberOrNull(r[14]),
    mergedBy: stringOrNull(r[15], intern),
    milestoneId: numberOrNull(r[16]),
    headSha: r[17] as string,
    headRef: r[18] as string,
    baseRef: r[19] as string,
    labels: labels(r[20]),
    readyAt: numberOrNull(r[21]),
  };
}

export const REVIEW_COLUMNS = [
  "installation_id",
  "pull_request_id",
  "submitted_at",
  "review_id",
  "repository_id",
  "reviewer_login",
  "reviewer_type",
  "author_association",
  "state",
  "dismissed",
  "commit_id",
] as const;

export function reviewRow(r: unknown[], intern: Intern = asIs): ReviewRow {
  return {
    installationId: r[0] as number,
    pullRequestId: r[1] as number,
    submittedAt: r[2] as number,
    reviewId: r[3] as number,
    repositoryId: r[4] as number,
    reviewer: { login: intern(r[5]), type: intern(r[6]) },
    authorAssociation: stringOrNull(r[7], intern),
    state: (r[8] === null ? undefined : intern(r[8])) as ReviewRow["state"],
    dismissed: flag(r[9]),
    commitId: stringOrNull(r[10]),
  };
}

export const REVIEW_REQUEST_COLUMNS = [
  "installation_id",
  "pull_request_id",
  "requested_at",
  "reviewer",
  "reviewer_type",
  "repository_id",
  "requested_by",
  "removed_at",
] as const;

export function reviewRequestRow(r: unknown[], intern: Intern = asIs): ReviewRequestRow {
  return {
    installationId: r[0] as number,
    pullRequestId: r[1] as number,
    requestedAt: r[2] as number,
    reviewer: intern(r[3]),
    reviewerType: intern(r[4]) as ReviewRequestRow["reviewerType"],
    repositoryId: r[5] as number,
    requestedBy: stringOrNull(r[6], intern),
    removedAt: numberOrNull(r[7]),
  };
}

export const MILESTONE_COLUMNS = [
  "installation_id",
  "milestone_id",
  "repository_id",
  "number",
  "title",
  "state",
  "due_on",
  "closed_at",
  "updated_at",
  "deleted_at",
] as const;

export function milestoneRow(r: unknown[]): MilestoneRow {
  return {
    installationId: r[0] as number,
    milestoneId: r[1] as number,
    repositoryId: r[2] as number,
    number: r[3] as number,
    title: r[4] as string,
    state: r[5] as MilestoneRow["state"],
    dueOn: numberOrNull(r[6]),
    closedAt: numberOrNull(r[7]),
    updatedAt: r[8] as number,
    deletedAt: numberOrNull(r[9]),
  };
}

export const ISSUE_COLUMNS = [
  "installation_id",
  "issue_id",
  "repository_id",
  "number",
  "title",
  "author_login",
  "author_type",
  "author_association",
  "labels",
  "state",
  "created_at",
  "updated_at",
  "closed_at",
  "milestone_id",
] as const;

export function issueRow(r: unknown[], intern: Intern = asIs): IssueRow {
  return {
    installationId: r[0] as number,
    issueId: r[1] as number,
    repositoryId: r[2] as number,
    number: r[3] as number,
    title: r[4] as string,
    author: { login: intern(r[5]), type: intern(r[6]) },
    authorAssociation: intern(r[7]),
    labels: labels(r[8]),
    state: intern(r[9]) as IssueRow["state"],
    createdAt: r[10] as number,
    updatedAt: r[11] as number,
    closedAt: numberOrNull(r[12]),
    milestoneId: numberOrNull(r[13]),
  };
}

export const ISSUE_COMMENT_COLUMNS = [
  "installation_id",
  "comment_id",
  "repository_id",
  "issue_id",
  "author_login",
  "author_type",
  "author_association",
  "created_at",
] as const;

export function issueCommentRow(r: unknown[], intern: Intern = asIs): IssueCommentRow {
  return {
    installationId: r[0] as number,
    commentId: r[1] as number,
    repositoryId: r[2] as number,
    issueId: r[3] as number,
    author: { login: intern(r[4]), type: intern(r[5]) },
    authorAssociation: intern(r[6]),
    createdAt: r[7] as number,
  };
}

/** The column of a row field: `pullRequestId` is kept as `pull_request_id`. */
export function columnOf(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function fieldOf(column: string): string {
  return column.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}

/**
 * A table whose rows are flat: each field kept as is in the column of its name, booleans as
 * 0/1 (the columns listed in `booleans`).
 */
function flatTable<T extends TableName>(
  columns: readonly string[],
  booleans: readonly string[] = [],
): TableColumns<T> {
  const fields = columns.map((column) => [fieldOf(column), booleans.includes(column)] as const);
  return {
    columns,
    toColumns: (row) =>
      fields.map(([field, bool]) => {
        const value = (row as unknown as Record<string, unknown>)[field];
        return bool ? (value ? 1 : 0) : value;
      }),
    fromColumns: (r) => {
      const row: Record<string, unknown> = {};
      fields.forEach(([field, bool], i) => {
        row[field] = bool ? flag(r[i]) : r[i];
      });
      return row as unknown as StoredRows[T];
    },
  };
}

export const TABLES: { [T in TableName]: TableColumns<T> } = {
  installations: flatTable(
    ["installation_id", "account_login", "account_type", "suspended", "updated_at"],
    ["suspended"],
  ),
  repositories: flatTable(
    ["installation_id", "repository_id", "full_name", "private"],
    ["private"],
  ),
  pull_requests: {
    columns: [...PULL_REQUEST_COLUMNS, "version_hash"],
    toColumns: (row) => [
      row.installationId,
      row.pullRequestId,
      row.repositoryId,
      row.nodeId,
      row.number,
      row.title,
      row.author.login,
      row.author.type,
      row.authorAssociation,
      row.draft ? 1 : 0,
      row.state,
      row.createdAt,
      row.updatedAt,
      row.closedAt,
      row.mergedAt,
      row.mergedBy,
      row.milestoneId,
      row.headSha,
      row.headRef,
      row.baseRef,
      JSON.stringify(row.labels),
      row.readyAt,
      row.versionHash,
    ],
    fromColumns: (r, intern) => ({ ...pullRequestRow(r, intern), versionHash: r[22] as string }),
  },
  pull_request_timeline: flatTable([
    "installation_id",
    "pull_request_id",
    "at",
    "kind",
    "repository_id",
  ]),
  review_requests: {
    columns: REVIEW_REQUEST_COLUMNS,
    toColumns: (row) => [
      row.installationId,
      row.pullRequestId,
      row.requestedAt,
      row.reviewer,
      row.reviewerType,
      row.repositoryId,
      row.requestedBy,
      row.removedAt,
    ],
    fromColumns: reviewRequestRow,
  },
  review_request_removals: flatTable([
    "installation_id",
    "pull_request_id",
    "reviewer",
    "removed_at",
    "repository_id",
  ]),
  reviews: {
    columns: REVIEW_COLUMNS,
    toColumns: (row) => [
      row.installationId,
      row.pullRequestId,
      row.submittedAt,
      row.reviewId,
      row.repositoryId,
      row.reviewer.login,
      row.reviewer.type,
      row.authorAssociation,
      row.state ?? null,
      row.dismissed ? 1 : 0,
      row.commitId,
    ],
    fromColumns: reviewRow,
  },
  milestones: {
    columns: [...MILESTONE_COLUMNS, "version_hash"],
    toColumns: (row) => [
      row.installationId,
      row.milestoneId,
      row.repositoryId,
      row.number,
      row.title,
      row.state,
      row.dueOn,
      row.closedAt,
      row.updatedAt,
      row.deletedAt,
      row.versionHash,
    ],
    fromColumns: (r) => ({ ...milestoneRow(r), versionHash: r[10] as string }),
  },
  issues: {
    columns: [...ISSUE_COLUMNS, "version_hash"],
    toColumns: (row) => [
      row.installationId,
      row.issueId,
      row.repositoryId,
      row.number,
      row.title,
      row.author.login,
      row.author.type,
      row.authorAssociation,
      JSON.stringify(row.labels),
      row.state,
      row.createdAt,
      row.updatedAt,
      row.closedAt,
      row.milestoneId,
      row.versionHash,
    ],
    fromColumns: (r, intern) => ({ ...issueRow(r, intern), versionHash: r[14] as string }),
  },
  issue_comments: {
    columns: ISSUE_COMMENT_COLUMNS,
    toColumns: (row) => [
      row.installationId,
      row.commentId,
      row.repositoryId,
      row.issueId,
      row.author.login,
      row.author.type,
      row.authorAssociation,
      row.createdAt,
    ],
    fromColumns: issueCommentRow,
  },
  deliveries: flatTable([
    "delivery_id",
    "installation_id",
    "repository_id",
    "event",
    "action",
    "received_at",
  ]),
  failed_deliveries: flatTable([
    "delivery_id",
    "installation_id",
    "repository_id",
    "event",
    "payload",
    "error",
    "received_at",
  ]),
  publications: flatTable([
    "installation_id",
    "key",
    "repository_id",
    "target_id",
    "content_hash",
    "state",
    "updated_at",
  ]),
  jobs: flatTable([
    "name",
    "installation_id",
    "repository_id",
    "next_run_at",
    "last_run_at",
    "lease_owner",
    "lease_until",
  ]),
  backfill_cursors: flatTable(
    ["installation_id", "repository_id", "kind", "cursor", "since", "done", "updated_at"],
    ["done"],
  ),
  kept_settings: flatTable(["installation_id", "repository_id", "settings", "updated_at"]),
  teams: flatTable([
    "installation_id",
    "team_id",
    "organization",
    "slug",
    "name",
    "parent_team_id",
    "updated_at",
    "deleted_at",
    "members_known_at",
  ]),
  team_members: {
    columns: ["installation_id", "team_id", "login", "spans"],
    toColumns: (row) => [row.installationId, row.teamId, row.login, JSON.stringify(row.spans)],
    fromColumns: (r) => ({
      installationId: r[0] as number,
      teamId: r[1] as number,
      login: r[2] as string,
      spans: JSON.parse(r[3] as string) as TeamMemberRow["spans"],
    }),
  },
  team_repositories: flatTable(["installation_id", "team_id", "repository_id", "full_name"]),
  repository_owners: {
    columns: ["installation_id", "repository_id", "teams", "read_at"],
    toColumns: (row) => [
      row.installationId,
      row.repositoryId,
      JSON.stringify(row.teams),
      row.readAt,
    ],
    fromColumns: (r) => ({
      installationId: r[0] as number,
      repositoryId: r[1] as number,
      teams: labels(r[2]),
      readAt: r[3] as number,
    }),
  },
  publish_queue: flatTable(
    [
      "installation_id",
      "repository_id",
      "subject",
      "whole_milestone",
      "force",
      "version",
      "queued_at",
      "due_at",
      "attempts",
      "lease_owner",
      "lease_until",
      "last_error",
    ],
    ["whole_milestone", "force"],
  ),
  dashboard_sessions: flatTable([
    "id_hash",
    "login",
    "user_id",
    "sealed_token",
    "form_token",
    "expires_at",
  ]),
  pending_purges: flatTable([
    "installation_id",
    "subject",
    "repository_id",
    "full_name",
    "delivery_id",
    "requested_at",
    "due_at",
    "attempts",
    "last_error",
  ]),
  record_marks: flatTable(["name", "at"]),
  record_gaps: flatTable(
    [
      "installation_id",
      "starts_at",
      "ends_at",
      "reason",
      "state",
      "opened_at",
      "checked",
      "last_error",
    ],
    ["checked"],
  ),
  redelivery_requests: flatTable([
    "guid",
    "installation_id",
    "repository_id",
    "event",
    "github_delivery_id",
    "delivered_at",
    "asked_at",
    "asks",
    "state",
    "settled_at",
  ]),
  removals: flatTable(["installation_id", "repository_id", "removed_at"]),
};
