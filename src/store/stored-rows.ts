import type {
  DeliveryRecord,
  InstallationRecord,
  IssueCommentRecord,
  IssueRecord,
  Millis,
  PullRequestTimelineRecord,
  RepositoryRecord,
} from "./records.js";
import type {
  ActivityTable,
  BackfillCursor,
  DashboardSession,
  FailedDeliveryRecord,
  KeptSettings,
  MilestoneRow,
  PendingPurge,
  Publication,
  PullRequestRow,
  QueuedWork,
  RecordGap,
  RecordMarkRow,
  RedeliveryRequest,
  RemovalRow,
  RepositoryOwnersRow,
  ReviewRequestRow,
  ReviewRow,
  TeamMemberRow,
  TeamRepositoryRow,
  TeamRow,
} from "./rows.js";

/** The version of a snapshot row: its `updated_at` and a hash of the payload it came from. */
export interface Versioned {
  updatedAt: Millis;
  versionHash: string;
}

export type StoredPullRequest = PullRequestRow & Versioned;
export type StoredMilestone = MilestoneRow & Versioned;
export type StoredIssue = IssueRecord & Versioned;

/** A `review_request_removed` event; it voids the request it follows (see voidRemovedRequests). */
export interface ReviewRequestRemovalRow {
  installationId: number;
  repositoryId: number;
  pullRequestId: number;
  reviewer: string;
  removedAt: Millis;
}

export interface JobRow {
  name: string;
  installationId: number | null;
  repositoryId: number | null;
  /** Null while the job only had a lease taken and was never scheduled. */
  nextRunAt: Millis | null;
  lastRunAt: Millis | null;
  leaseOwner: string | null;
  leaseUntil: Millis | null;
}

export interface StoredBackfillCursor extends BackfillCursor {
  updatedAt: Millis;
}

/** Every table a backend keeps, and the row it holds, in the backend-neutral form. */
export interface StoredRows {
  installations: InstallationRecord;
  repositories: RepositoryRecord;
  pull_requests: StoredPullRequest;
  pull_request_timeline: PullRequestTimelineRecord;
  review_requests: ReviewRequestRow;
  review_request_removals: ReviewRequestRemovalRow;
  reviews: ReviewRow;
  milestones: StoredMilestone;
  issues: StoredIssue;
  issue_comments: IssueCommentRecord;
  deliveries: DeliveryRecord;
  failed_deliveries: FailedDeliveryRecord;
  publications: Publication;
  jobs: JobRow;
  backfill_cursors: StoredBackfillCursor;
  kept_settings: KeptSettings;
  teams: TeamRow;
  team_members: TeamMemberRow;
  team_repositories: TeamRepositoryRow;
  repository_owners: RepositoryOwnersRow;
  publish_queue: QueuedWork;
  dashboard_sessions: DashboardSession;
  pending_purges: PendingPurge;
  record_marks: RecordMarkRow;
  record_gaps: RecordGap;
  redelivery_requests: RedeliveryRequest;
  removals: RemovalRow;
}

export type TableName = keyof StoredRows;

/** The fields that identify a row of each table (its primary key), in key order. */
export const ROW_KEYS = {
  installations: ["installationId"],
  repositories: ["installationId", "repositoryId"],
  pull_requests: ["installationId", "pullRequestId"],
  pull_request_timeline: ["installationId", "pullRequestId", "kind", "at"],
  review_requests: ["installationId", "pullRequestId", "reviewer", "requestedAt"],
  review_request_removals: ["installationId", "pullRequestId", "reviewer", "removedAt"],
  reviews: ["installationId", "reviewId"],
  milestones: ["installationId", "milestoneId"],
  issues: ["installationId", "issueId"],
  issue_comments: ["installationId", "commentId"],
  deliveries: ["deliveryId"],
  failed_deliveries: ["deliveryId"],
  publications: ["installationId", "key"],
  jobs: ["name"],
  backfill_cursors: ["installationId", "repositoryId", "kind"],
  kept_settings: ["installationId", "repositoryId"],
  teams: ["installationId", "teamId"],
  team_members: ["installationId", "teamId", "login"],
  team_repositories: ["installationId", "teamId", "repositoryId"],
  repository_owners: ["installationId", "repositoryId"],
  publish_queue: ["installationId", "repositoryId", "subject"],
  dashboard_sessions: ["idHash"],
  pending_purges: ["installationId", "subject"],
  record_marks: ["name"],
  record_gaps: ["installationId", "startsAt"],
  redelivery_requests: ["guid"],
  removals: ["installationId", "repositoryId"],
} as const satisfies { [T in TableName]: readonly (keyof StoredRows[T])[] };

/** The groups of rows the write path lists together, by the fields they share. */
export const ROW_GROUPS = {
  pull_request_timeline: ["installationId", "pullRequestId"],
  review_requests: ["installationId", "pullRequestId", "reviewer"],
  review_request_removals: ["installationId", "pullRequestId", "reviewer"],
  issue_comments: ["installationId", "issueId"],
  teams: ["installationId", "organization"],
  team_members: ["installationId", "teamId"],
  team_repositories: ["installationId", "teamId"],
} as const satisfies { [T in keyof StoredRows]?: readonly (keyof StoredRows[T])[] };

export type GroupedTable = keyof typeof ROW_GROUPS;

export type RowKey<T extends TableName> = Pick<
  StoredRows[T],
  Extract<(typeof ROW_KEYS)[T][number], keyof StoredRows[T]>
>;
export type RowGroup<T extends GroupedTable> = Pick<
  StoredRows[T],
  Extract<(typeof ROW_GROUPS)[T][number], keyof StoredRows[T]>
>;

/** Removing an installation, or one repository of it, removes every row of it in every table. */
export type PurgeScope = { installationId: number; repositoryId?: number };

/** Every table, in the order a store is copied: what other rows refer to first. */
export const TABLE_NAMES = Object.keys(ROW_KEYS) as TableName[];

/** The tables of recorded activity, in the order a dump lists them. */
export const ACTIVITY_TABLES: readonly ActivityTable[] = [
  "installations",
  "repositories",
  "pull_requests",
  "pull_request_timeline",
  "review_requests",
  "review_request_removals",
  "reviews",
  "milestones",
  "issues",
  "issue_comments",
];
