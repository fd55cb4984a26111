import type {
  DeliveryRecord,
  InstallationRecord,
  Millis,
  RepositoryRecord,
  StoreChange,
} from "./records.js";
import type {
  Activity,
  ActivityDump,
  ActivityQuery,
  ApplyResult,
  BackfillCursor,
  DashboardSession,
  DeliveryLogDump,
  JobScope,
  KeptSettings,
  MilestoneRow,
  PendingPurge,
  Publication,
  PullRequestRow,
  QueuedWork,
  RecordGap,
  RecordMark,
  RedeliveryRequest,
  RemovalRow,
  RepositoryOwnersRow,
  ReviewRequestRow,
  ReviewRow,
  TeamMemberRow,
  TeamRepositoryRow,
  TeamRow,
} from "./rows.js";
import type { StoredRows, TableName } from "./stored-rows.js";

/** Recording what GitHub says happened: deliveries, backfilled history, unusable payloads. */
export interface ActivityWrites {
  /** Applies a delivery's changes in one transaction with its id; a known id changes nothing. */
  applyDelivery(delivery: DeliveryRecord, changes: StoreChange[]): Promise<ApplyResult>;
  /** Applies changes without a delivery (backfill), in one transaction. */
  applyChanges(changes: StoreChange[]): Promise<void>;
  /** Keeps a delivery that could not be normalised, so it can be replayed after a fix. */
  recordFailedDelivery(delivery: DeliveryRecord, payload: string, error: string): Promise<void>;
  /** Deletes failed deliveries received before `receivedBefore`; returns how many. */
  pruneFailedDeliveries(receivedBefore: Millis): Promise<number>;
}

/** What evaluations read; every read is scoped by installation. */
export interface ActivityReads {
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
  /**
   * An opaque text that changes whenever anything was written, by this process or another, and
   * only then: a cache of what was read stays valid while it is the same.
   */
  dataVersion(): Promise<string>;
}

/** GitHub's teams as the store knows them (from webhooks and reads when first named), per installation. */
export interface TeamReads {
  /** Every team of the installation, deleted ones too (with when). */
  listTeams(installationId: number): Promise<TeamRow[]>;
  /** Who was in these teams, and when. */
  listTeamMembers(installationId: number, teamIds: number[]): Promise<TeamMemberRow[]>;
  /** The repositories these teams may reach. */
  listTeamRepositories(installationId: number, teamIds: number[]): Promise<TeamRepositoryRow[]>;
  /** The teams each repository's CODEOWNERS makes owners of it, where it was read. */
  listRepositoryOwners(installationId: number): Promise<RepositoryOwnersRow[]>;
}

/** The settings the app last read for each repository, for readers that must not call GitHub. */
export interface SettingsKeeper {
  /** Keeps a repository's settings; the same text as before writes nothing. */
  putSettings(settings: KeptSettings): Promise<void>;
  listSettings(installationId: number): Promise<KeptSettings[]>;
}

/** What was published to GitHub, found again by a stable key. */
export interface Publications {
  getPublication(installationId: number, key: string): Promise<Publication | undefined>;
  putPublication(publication: Publication): Promise<void>;
  /**
   * Runs `work` once no other publisher of the same key (in this process or, on a server
   * database, in any replica) is running: two publishers must not both create one check run.
   */
  withPublicationLock<T>(installationId: number, key: string, work: () => Promise<T>): Promise<T>;
}

/**
 * Release readiness that deliveries made stale (queued in their own transaction), taken by the
 * publish workers of every replica: claimed under a lease, published, then finished or failed.
 */
export interface PublishQueue {
  /**
   * Claims up to `limit` items due at `now` that nobody holds (or whose holder's lease ran out),
   * oldest first, for `owner` until `now + leaseMs`. Items another worker is claiming are skipped.
   */
  claimPublishWork(
    owner: string,
    now: Millis,
    leaseMs: number,
    limit: number,
  ): Promise<QueuedWork[]>;
  /** Published: each item goes, unless a delivery made it stale again meanwhile (it stays due). */
  finishPublishWork(owner: string, items: readonly QueuedWork[]): Promise<void>;
  /** Not published: each item is due again at `retryAt`, with the attempt counted and the error kept. */
  failPublishWork(
    owner: string,
    items: readonly QueuedWork[],
    retryAt: Millis,
    error: string,
  ): Promise<void>;
  /** Everything queued, claimed or not. */
  listPublishWork(): Promise<QueuedWork[]>;
}

/**
 * Purges that deliveries asked for (an uninstall, a repository removed), kept until GitHub
 * confirms them: the signature covers a delivery's body, not its event name, so a removal is
 * checked with GitHub before anything is deleted.
 */
export interface PendingPurges {
  /** Purges due at `now`, oldest first, at most `limit`; of one installation when given. */
  listDuePurges(now: Millis, limit: number, installationId?: number): Promise<PendingPurge[]>;
  /** Deletes every row of the installation or repository; false when no longer pending. */
  confirmPurge(purge: PendingPurge): Promise<boolean>;
  /** GitHub says it is still there: the request goes, nothing is deleted. */
  dropPurge(purge: PendingPurge): Promise<void>;
  /** GitHub could not say: due again at `dueAt`, with the attempt counted and the error kept. */
  postponePurge(purge: PendingPurge, dueAt: Millis, error: string): Promise<void>;
}

/** Dashboard sign-ins and sessions, kept where every replica finds them. */
export interface DashboardSessions {
  putSession(session: DashboardSession): Promise<void>;
  /** The session, while it has not expired (an expired one is deleted). */
  getSession(idHash: string, now: Millis): Promise<DashboardSession | undefined>;
  deleteSession(idHash: string): Promise<void>;
  /** Deletes sessions past their time; returns how many. */
  purgeExpiredSessions(now: Millis): Promise<number>;
}

/** Every table's rows as they are: for moving an installation from one store to another. */
export interface StoreTables {
  readTable<T extends TableName>(table: T): Promise<StoredRows[T][]>;
  /** Stores the rows as given (replacing rows with their keys), in one transaction. */
  writeRows<T extends TableName>(table: T, rows: readonly StoredRows[T][]): Promise<void>;
}

/** Persisted jobs: when each runs next, and who runs it now. */
export interface JobLeases {
  /** Takes the named job's lease if free or expired; true when this owner holds it now. */
  acquireLease(job: string, owner: string, now: Millis, ttlMs: number): Promise<boolean>;
  releaseLease(job: string, owner: string): Promise<void>;
  getNextRun(job: string): Promise<Millis | undefined>;
  /**
   * Stores when the job runs next (and, unless null, when it last ran). A job of one
   * installation or repository names it in `scope`, so that removing it removes the job too.
   */
  setNextRun(
    job: string,
    nextRunAt: Millis,
    lastRunAt: Millis | null,
    scope?: JobScope,
  ): Promise<void>;
}

/** Where each repository's backfill stands. */
export interface BackfillCursors {
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
}

/** The periods in which an installation's record may be incomplete, kept until recovery closes them. */
export interface RecordGaps {
  /** Open gaps of one installation, or of all; oldest first. */
  listRecordGaps(installationId?: number): Promise<RecordGap[]>;
  /** Opens gaps; one of the same installation and start is widened, never narrowed. */
  openRecordGaps(gaps: readonly RecordGap[]): Promise<void>;
  /** Stores what became of kept gaps; one closed meanwhile stays closed. */
  updateRecordGaps(gaps: readonly RecordGap[]): Promise<void>;
  /** Closes gaps: a closed gap is deleted and leaves no trace. */
  closeRecordGaps(gaps: readonly Pick<RecordGap, "installationId" | "startsAt">[]): Promise<void>;
}

/** The redeliveries asked of GitHub, kept until they settle. */
export interface RedeliveryRequests {
  /** The requests made for these events (delivery GUIDs). */
  listRedeliveryRequests(guids: readonly string[]): Promise<RedeliveryRequest[]>;
  /** Requests asked and not yet recovered, refused or given up. */
  listOutstandingRedeliveries(): Promise<RedeliveryRequest[]>;
  putRedeliveryRequests(requests: readonly RedeliveryRequest[]): Promise<void>;
  /** Deletes requests settled before `settledBefore`; returns how many. */
  pruneRedeliveryRequests(settledBefore: Millis): Promise<number>;
}

/**
 * What keeps the record complete (DESIGN.md, "A complete record"): which deliveries the store
 * has, the heartbeat and the redelivery watermark, the gaps of each installation, the
 * redeliveries asked of GitHub, and what was removed when.
 */
export interface RecordKeeping extends RecordGaps, RedeliveryRequests {
  /** Which of these delivery ids the store has: in the delivery log, or kept as failed. */
  knownDeliveryIds(ids: readonly string[]): Promise<Set<string>>;
  readMark(name: RecordMark): Promise<Millis | undefined>;
  /** Keeps `at` under `name`; with `later`, only when it is later than what is kept (a heartbeat). */
  writeMark(name: RecordMark, at: Millis, later?: boolean): Promise<void>;
  listRemovals(): Promise<RemovalRow[]>;
}

/**
 * The store is the source of truth. Async so that a server database can stand behind it;
 * every read and write is scoped by installation. Consumers ask for the narrowest part they use.
 */
export interface Store
  extends ActivityWrites,
    ActivityReads,
    Publications,
    PublishQueue,
    PendingPurges,
    JobLeases,
    BackfillCursors,
    SettingsKeeper,
    DashboardSessions,
    StoreTables,
    TeamReads,
    RecordKeeping {
  /** Resolves once the database answers; rejects while it cannot be reached. */
  ping(): Promise<void>;
  /** Every activity row in a backend-neutral form: two stores with the same state dump equal. */
  dumpActivity(): Promise<ActivityDump>;
  /** The delivery log and the failed deliveries. */
  dumpDeliveryLog(): Promise<DeliveryLogDump>;
  close(): Promise<void>;
}
