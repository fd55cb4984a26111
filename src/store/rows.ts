/** What the store gives back: the rows reads return and the values of the other interfaces. */
import type {
  DeliveryRecord,
  IssueCommentRecord,
  IssueRecord,
  MilestoneRecord,
  Millis,
  PullRequestRecord,
  PullRequestTimelineRecord,
  PurgeRequestRecord,
  RepositoryRecord,
  ReviewRecord,
  TeamRecord,
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
  authorAssociation: string | null;
}

export interface MilestoneRow extends MilestoneRecord {
  deletedAt: Millis | null;
}

/** A time someone was in a team: from `from` (null: since before the store knew) to `until` (null: still). */
export interface MembershipSpan {
  from: Millis | null;
  until: Millis | null;
}

export interface TeamRow extends Omit<TeamRecord, "parentTeamId"> {
  parentTeamId: number | null;
  deletedAt: Millis | null;
  /** Since when every membership change reaches the store (read from GitHub, or created then); null: never. */
  membersKnownAt: Millis | null;
}

/** One person's times in one team, oldest first, never overlapping. */
export interface TeamMemberRow {
  installationId: number;
  teamId: number;
  login: string;
  spans: MembershipSpan[];
}

export interface TeamRepositoryRow {
  installationId: number;
  teamId: number;
  repositoryId: number;
  fullName: string;
}

/** The teams CODEOWNERS makes owners of a repository (`*`), as last read. */
export interface RepositoryOwnersRow {
  installationId: number;
  repositoryId: number;
  /** "org/slug", lower case. */
  teams: string[];
  readAt: Millis;
}

/** Everything the metrics need about some repositories of one installation for one period. */
export interface Activity {
  repositories: RepositoryRecord[];
  /** PRs created before `until` and open at or after `since` (so still-open ones are included). */
  pullRequests: PullRequestRow[];
  reviews: ReviewRow[];
  reviewRequests: ReviewRequestRow[];
  timeline: PullRequestTimelineRecord[];
  milestones: MilestoneRow[];
  /** Issues that are not pull requests, with the same period rule as pull requests. */
  issues: IssueRecord[];
  issueComments: IssueCommentRecord[];
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
  /** The repository it was published in, when the store knows it: removed with that repository. */
  repositoryId: number | null;
  /** The GitHub id of what was published (check run id, issue number). */
  targetId: number | null;
  contentHash: string;
  state: string;
  updatedAt: Millis;
}

export type ApplyResult = "applied" | "duplicate";

/** Where a backfill of one repository stands; `cursor` is the backfill's own position text. */
export interface BackfillCursor {
  installationId: number;
  repositoryId: number;
  kind: string;
  cursor: string | null;
  since: Millis | null;
  done: boolean;
}

/** A delivery that could not be normalised, kept with its payload so it can be replayed. */
export interface FailedDeliveryRecord {
  deliveryId: string;
  installationId: number | null;
  repositoryId: number | null;
  event: string;
  payload: string;
  error: string;
  receivedAt: Millis;
}

/**
 * The settings the app last read from a repository's `.github/expectations.yml` (as loaded for
 * it), kept so that readers that must not call GitHub (the dashboard) use the same ones.
 */
export interface KeptSettings {
  installationId: number;
  /**
   * The repository they were read for, by id (names change, and a new repository may take an
   * old name); the owner's file is its `.github` repository's.
   */
  repositoryId: number;
  /** JSON text; the store keeps it as it is and never looks inside. */
  settings: string;
  /** When the app first read these settings (the same text again changes nothing). */
  updatedAt: Millis;
}

/** Whose a persisted job is: its row goes when that installation or repository is removed. */
export interface JobScope {
  installationId: number;
  /** Null for a job of the whole installation (a team's report). */
  repositoryId: number | null;
}

/**
 * Every activity row, table by table, each row as JSON with its keys sorted, rows sorted: the
 * same state gives the same dump on every backend. The installation's `updatedAt` is left out:
 * it is when the installation event arrived, not an event time.
 */
export type ActivityDump = Record<ActivityTable, string[]>;

export type ActivityTable =
  | "installations"
  | "repositories"
  | "pull_requests"
  | "pull_request_timeline"
  | "review_requests"
  | "review_request_removals"
  | "reviews"
  | "milestones"
  | "issues"
  | "issue_comments";

/**
 * Queued release-readiness work of one repository: what a publish worker claims, publishes and
 * finishes. Deliveries about the same subject while it waits make one item (coalesced).
 */
export interface QueuedWork {
  installationId: number;
  repositoryId: number;
  /** `pull_request:<id>`, `head_sha:<sha>` or `milestone:<id>`. */
  subject: string;
  /** A milestone itself changed: every open pull request in it is re-published too. */
  wholeMilestone: boolean;
  force: boolean;
  /** Moves with each delivery that makes it stale again: a worker finishing an older one leaves it due. */
  version: number;
  queuedAt: Millis;
  dueAt: Millis;
  attempts: number;
  leaseOwner: string | null;
  leaseUntil: Millis | null;
  lastError: string | null;
}

/** A purge waiting for GitHub to confirm it, retried with a back-off while GitHub cannot say. */
export interface PendingPurge extends PurgeRequestRecord {
  /** `installation`, or `repository:<id>`. */
  subject: string;
  dueAt: Millis;
  attempts: number;
  lastError: string | null;
}

/** A signed-in dashboard user, kept by the store so that every replica knows the session. */
export interface DashboardSession {
  /** A hash of the session id: the id itself is only in the browser's cookie. */
  idHash: string;
  login: string;
  userId: number;
  /** The user's GitHub token, encrypted by the dashboard; the store never sees it in clear. */
  sealedToken: string;
  formToken: string;
  expiresAt: Millis;
}

/** The delivery log and the failed deliveries, each sorted by delivery id. */
export interface DeliveryLogDump {
  deliveries: DeliveryRecord[];
  failedDeliveries: FailedDeliveryRecord[];
}

/** Times the whole app keeps once: the newest heartbeat of any replica, the redelivery watermark. */
export type RecordMark = "heartbeat" | "redelivery-watermark";

export interface RecordMarkRow {
  name: RecordMark;
  at: Millis;
}

/**
 * A period in which an installation's record may be incomplete: the app was down, GitHub's list
 * of deliveries was cut short, or it refused (or never made) a redelivery. Kept until recovery
 * closes it; a closed gap is deleted.
 */
export interface RecordGap {
  installationId: number;
  startsAt: Millis;
  endsAt: Millis;
  reason: "down" | "list_cut_short" | "redelivery_refused" | "redelivery_lost";
  /**
   * `redelivery`: closed once GitHub's list has been read over it and what it lacked has come
   * back; `catch_up`: only a backfill of the installation's repositories closes it; `failed`:
   * the last catch-up failed (it is tried again).
   */
  state: "redelivery" | "catch_up" | "failed";
  openedAt: Millis;
  /** GitHub's delivery list has been read over the whole gap, and every missing delivery asked for. */
  checked: boolean;
  lastError: string | null;
}

/** A redelivery the app asked GitHub for (one row per event, by its delivery GUID). */
export interface RedeliveryRequest {
  guid: string;
  installationId: number | null;
  repositoryId: number | null;
  event: string;
  /** GitHub's id of the delivery attempt that was asked to be redelivered. */
  githubDeliveryId: number;
  /** When GitHub first sent it (GitHub's clock). */
  deliveredAt: Millis;
  askedAt: Millis;
  asks: number;
  /** `asked`: waiting for it to arrive; `recovered`: it is in the store; `refused`: GitHub said no; `given_up`: asked too often. */
  state: "asked" | "recovered" | "refused" | "given_up";
  settledAt: Millis | null;
}

/**
 * An installation (repositoryId 0) or a repository removed from the app at `removedAt`: GitHub's
 * earlier deliveries of it are never asked for again, or its purged rows would come back.
 */
export interface RemovalRow {
  installationId: number;
  repositoryId: number;
  removedAt: Millis;
}
