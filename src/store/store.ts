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
  StoreChange,
} from "./records.js";

export interface PullRequestRow
  extends Omit<PullRequestRecord, "mergedBy" | "authorAssociation" | "draft"> {
  draft: boolean;
  mergedBy: string | null;
  authorAssociation: string | null;
  /** `created_at` if opened ready, else the first `ready_for_review`; null while never ready. */
  readyAt: Millis | null;
}

export interface ReviewRequestRow {
  installationId: number;
  repositoryId: number;
  pullRequestId: number;
  reviewer: string;
  reviewerType: "User" | "Bot" | "Team";
  requestedAt: Millis;
  requestedBy: string | null;
  /** Set when the request was removed before the next request of the same reviewer. */
  removedAt: Millis | null;
}

export interface ReviewRow extends Omit<ReviewRecord, "authorAssociation"> {
  repositoryId: number;
  authorAssociation: string | null;
}

export interface MilestoneRow extends MilestoneRecord {
  deletedAt: Millis | null;
}

export interface IssueRow extends IssueRecord {
  /** First comment by a member (OWNER, MEMBER, COLLABORATOR) who is not the author nor a bot. */
  firstResponseAt: Millis | null;
  firstResponseBy: string | null;
}

export interface IssueCommentRow extends IssueCommentRecord {
  repositoryId: number;
}

export interface TimelineRow extends PullRequestTimelineRecord {
  repositoryId: number;
}

/** Everything the metrics need about some repositories of one installation for one period. */
export interface Activity {
  repositories: RepositoryRecord[];
  /** PRs created before `until` and open at or after `since` (so still-open ones are included). */
  pullRequests: PullRequestRow[];
  reviews: ReviewRow[];
  reviewRequests: ReviewRequestRow[];
  timeline: TimelineRow[];
  milestones: MilestoneRow[];
  /** Issues that are not pull requests, with the same period rule as pull requests. */
  issues: IssueRow[];
  issueComments: IssueCommentRow[];
}

export interface ActivityQuery {
  installationId: number;
  repositoryIds: number[];
  since: Millis;
  until: Millis;
}

export interface Publication {
  installationId: number;
  /** Stable key of the published thing, e.g. `check:release-readiness:<node id>:<sha>`. */
  key: string;
  /** The GitHub id of what was published (check run id, issue number). */
  targetId: number | null;
  contentHash: string;
  state: string;
  updatedAt: Millis;
}

export type ApplyResult = "applied" | "duplicate";

/**
 * The settings the app last read from a repository's `.github/expectations.yml` (as loaded for
 * it), kept so that readers that must not call GitHub (the dashboard) use the same ones.
 */
export interface KeptSettings {
  installationId: number;
  /** "owner/name" of the repository they were read for, lower case; "owner/.github" is the owner's file. */
  repository: string;
  /** JSON text; the store keeps it as it is and never looks inside. */
  settings: string;
  /** When the app first read these settings (the same text again changes nothing). */
  updatedAt: Millis;
}

/** Where a backfill of one repository stands; `cursor` is the backfill's own position text. */
export interface BackfillCursor {
  installationId: number;
  repositoryId: number;
  kind: string;
  cursor: string | null;
  since: Millis | null;
  done: boolean;
}

/**
 * The store is the source of truth. Async so that a server database can stand behind it;
 * every read and write is scoped by installation.
 */
export interface Store {
  /** Applies a delivery's changes in one transaction with its id; a known id changes nothing. */
  applyDelivery(delivery: DeliveryRecord, changes: StoreChange[]): Promise<ApplyResult>;
  /** Applies changes without a delivery (backfill), in one transaction. */
  applyChanges(changes: StoreChange[]): Promise<void>;
  /** Keeps a delivery that could not be normalised, so it can be replayed after a fix. */
  recordFailedDelivery(delivery: DeliveryRecord, payload: string, error: string): Promise<void>;
  /** Deletes failed deliveries received before then (they hold whole payloads); returns how many. */
  pruneFailedDeliveries(receivedBefore: Millis): Promise<number>;

  listInstallations(): Promise<InstallationRecord[]>;
  /** Every installation the store has rows of, with or without an `installation` event seen. */
  listInstallationIds(): Promise<number[]>;
  listRepositories(installationId: number): Promise<RepositoryRecord[]>;
  /** All installations' repositories of that name (an org may install two apps' worth of data). */
  findRepositories(fullName: string): Promise<RepositoryRecord[]>;

  loadActivity(query: ActivityQuery): Promise<Activity>;
  getPullRequest(
    installationId: number,
    pullRequestId: number,
  ): Promise<PullRequestRow | undefined>;
  listOpenPullRequests(installationId: number, repositoryId: number): Promise<PullRequestRow[]>;
  listMilestones(installationId: number, repositoryId: number): Promise<MilestoneRow[]>;
  getMilestone(installationId: number, milestoneId: number): Promise<MilestoneRow | undefined>;
  /** Every pull request (open or closed) in a milestone, by number. */
  listMilestonePullRequests(installationId: number, milestoneId: number): Promise<PullRequestRow[]>;
  /** PRs and issues of each milestone, open and closed as of `at` (created at or before it). */
  countMilestoneItems(
    installationId: number,
    milestoneIds: number[],
    at: Millis,
  ): Promise<Map<number, { open: number; closed: number }>>;
  listReviews(installationId: number, pullRequestIds: number[]): Promise<ReviewRow[]>;
  listReviewRequests(installationId: number, pullRequestIds: number[]): Promise<ReviewRequestRow[]>;

  /** Keeps a repository's settings; the same text as before writes nothing. */
  putSettings(settings: KeptSettings): Promise<void>;
  listSettings(installationId: number): Promise<KeptSettings[]>;

  getPublication(installationId: number, key: string): Promise<Publication | undefined>;
  putPublication(publication: Publication): Promise<void>;

  /** Takes the named job's lease if free or expired; true when this owner holds it now. */
  acquireLease(job: string, owner: string, now: Millis, ttlMs: number): Promise<boolean>;
  releaseLease(job: string, owner: string): Promise<void>;
  getNextRun(job: string): Promise<Millis | undefined>;
  setNextRun(job: string, nextRunAt: Millis, lastRunAt: Millis | null): Promise<void>;

  getBackfillCursor(
    installationId: number,
    repositoryId: number,
    kind: string,
  ): Promise<{ cursor: string | null; since: Millis | null; done: boolean } | undefined>;
  putBackfillCursor(
    installationId: number,
    repositoryId: number,
    kind: string,
    value: { cursor: string | null; since: Millis | null; done: boolean },
    now: Millis,
  ): Promise<void>;
  /**
   * Applies one backfilled page and moves its cursor in one transaction, only if the stored
   * cursor is still `previous` (null: no cursor yet). False when it is not: the repository was
   * removed meanwhile, or another backfill of it moved on.
   */
  applyBackfillPage(
    changes: StoreChange[],
    cursor: BackfillCursor,
    now: Millis,
    previous: string | null,
  ): Promise<boolean>;
  /** Backfills of an installation that were started and not finished (to resume them). */
  listUnfinishedBackfills(installationId: number): Promise<BackfillCursor[]>;

  /**
   * An opaque text that changes whenever anything was written, by this process or another, and
   * only then: a cache of what was read stays valid while it is the same.
   */
  dataVersion(): Promise<string>;

  close(): Promise<void>;
}
