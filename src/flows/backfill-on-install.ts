import type { Logger } from "pino";
import {
  BACKFILL_KIND,
  type BackfillGitHub,
  type BackfillQueue,
  type BackfillSummary,
  BackfillSupersededError,
  backfillRepository,
  createBackfillQueue,
  openBackfillCursor,
  type QueuedBackfill,
} from "../backfill/index.js";
import { holdLease, type Store } from "../store/index.js";
import { BACKFILL_LEASE_MS, backfillLeaseName } from "./backfill-lease.js";
import { installationBudgets } from "./installation-budgets.js";
import type { Reaction } from "./reaction.js";

const DAY_MS = 86_400_000;

export interface BackfillOnInstallOptions {
  store: Store;
  /** Who holds an import's lease; distinct per process (`host:pid`). */
  owner?: string;
  /** Any installation's GitHub, for imports no delivery started (taking over a dead replica's). */
  connect?: (installationId: number) => Promise<BackfillGitHub>;
  log?: Logger;
  /** How many days of history a new installation gets (default 90: last quarter's numbers). */
  days?: number;
  /** Repositories imported at the same time across all installations (default 2). */
  concurrency?: number;
  /** Tests pass their own; the server waits for real. */
  sleep?: (ms: number) => Promise<void>;
  clock?: () => Date;
  onDone?: (summary: BackfillSummary) => void;
}

interface Job extends QueuedBackfill {
  github: BackfillGitHub;
  since: number;
  log: Logger;
}

interface RepositoryPayload {
  id: number;
  full_name: string;
}

interface InstallationPayload {
  action?: string;
  installation?: { id?: number };
  repositories?: RepositoryPayload[];
  repositories_added?: RepositoryPayload[];
  repositories_removed?: RepositoryPayload[];
}

/** What every import of this process shares. */
interface Imports {
  store: Store;
  clock: () => Date;
  /** Each installation's rate-limit budget, shared by its imports. */
  budgetOf: ReturnType<typeof installationBudgets>;
  /** Who holds an import's lease. */
  leaseOwner: string;
  onDone: BackfillOnInstallOptions["onDone"];
}

/** Imports one queued repository to its end, or until `stopped` says so between pages. */
async function importRepository(imports: Imports, job: Job, stopped: () => boolean): Promise<void> {
  const [owner = "", name = ""] = job.fullName.split("/");
  const summary = await backfillRepository({
    store: imports.store,
    github: job.github,
    budget: imports.budgetOf(job.installationId, job.log),
    installationId: job.installationId,
    owner,
    name,
    repositoryId: job.repositoryId,
    since: job.since,
    clock: imports.clock,
    shouldStop: stopped,
  });
  job.log.info({ ...summary }, `backfill of ${job.fullName} done`);
  imports.onDone?.(summary);
}

/**
 * Runs one queued import while holding its lease, so that one replica at a time imports a
 * repository; what goes wrong is logged, never thrown, so that the queue goes on.
 */
async function runLeasedImport(imports: Imports, job: Job, stopped: () => boolean): Promise<void> {
  const { clock } = imports;
  try {
    const leased = await holdLease(
      imports.store,
      backfillLeaseName(job.installationId, job.repositoryId),
      { owner: imports.leaseOwner, ttlMs: BACKFILL_LEASE_MS, clock: () => clock().getTime() },
      () => importRepository(imports, job, stopped),
    );
    if (!leased.held)
      job.log.info(
        { repository: job.fullName },
        `backfill of ${job.fullName} is running in another replica`,
      );
  } catch (error) {
    if (error instanceof BackfillSupersededError)
      job.log.info({ repository: job.fullName }, error.message);
    else
      job.log.error({ err: error, repository: job.fullName }, `backfill of ${job.fullName} failed`);
  }
}

/** Gives a new repository its cursor row at once and queues its import, unless it is done. */
async function queueNewRepository(
  imports: Imports,
  queue: BackfillQueue<Job>,
  installationId: number,
  repository: RepositoryPayload,
  since: number,
  github: BackfillGitHub,
  log: Logger,
): Promise<void> {
  const now = imports.clock().getTime();
  const cursor = await openBackfillCursor(imports.store, installationId, repository.id, since, now);
  if (cursor.done) return;
  queue.add({
    installationId,
    repositoryId: repository.id,
    fullName: repository.full_name,
    github,
    since: cursor.since,
    log,
  });
}

/** Queues the installation's unfinished imports; the lease decides which replica runs each. */
async function queueUnfinished(
  store: Store,
  queue: BackfillQueue<Job>,
  installationId: number,
  github: BackfillGitHub,
  since: number,
  log: Logger,
): Promise<void> {
  const repositories = await store.listRepositories(installationId);
  for (const cursor of await store.listUnfinishedBackfills(installationId)) {
    const repository = repositories.find((r) => r.repositoryId === cursor.repositoryId);
    if (!repository || cursor.kind !== BACKFILL_KIND) continue;
    queue.add({
      installationId,
      repositoryId: repository.repositoryId,
      fullName: repository.fullName,
      github,
      since: cursor.since ?? since,
      log,
    });
  }
}

/**
 * Queues every unfinished import of every installation not suspended, back to `history()` where
 * a cursor does not say, each through a connection of its own (an installation that cannot be reached is logged and skipped).
 */
async function queueAllUnfinished(
  options: BackfillOnInstallOptions,
  queue: BackfillQueue<Job>,
  history: () => number,
): Promise<void> {
  const { store, connect, log } = options;
  if (!connect || !log) return;
  const suspended = new Set(
    (await store.listInstallations()).filter((i) => i.suspended).map((i) => i.installationId),
  );
  const since = history();
  for (const installationId of await store.listInstallationIds()) {
    if (suspended.has(installationId)) continue;
    if ((await store.listUnfinishedBackfills(installationId)).length === 0) continue;
    try {
      await queueUnfinished(
        store,
        queue,
        installationId,
        await connect(installationId),
        since,
        log,
      );
    } catch (error) {
      log.error({ installationId, err: error }, "unfinished backfills could not be resumed");
    }
  }
}

/** The repositories an applied installation delivery gives the app (none for a duplicate). */
function addedRepositories(
  event: string,
  payload: InstallationPayload,
  applied: boolean,
): RepositoryPayload[] {
  if (!applied) return [];
  if (event === "installation.created") return payload.repositories ?? [];
  if (event === "installation_repositories.added") return payload.repositories_added ?? [];
  return [];
}

/**
 * Imports history in the background when the app is installed (`installation.created`) or
 * given more repositories (`installation_repositories.added`), a few repositories at a time.
 * Each queued repository gets its cursor row at once, so uninstalling cancels it and a restart
 * resumes it with the installation's next delivery.
 */
export function backfillOnInstall(options: BackfillOnInstallOptions): {
  reaction: Reaction;
  /**
   * Queues every unfinished import of every installation; each runs here unless another replica
   * holds its lease (it is alive and importing), so one whose replica died is taken over.
   */
  resumeUnfinished: () => Promise<void>;
  idle: () => Promise<void>;
  /** Shutting down: imports stop after the page in flight; the next start resumes them. */
  stop: () => Promise<void>;
} {
  const { store } = options;
  const clock = options.clock ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const imports: Imports = {
    store,
    clock,
    budgetOf: installationBudgets({ clock, sleep, what: "backfill" }),
    leaseOwner: options.owner ?? `backfill:${process.pid}`,
    onDone: options.onDone,
  };
  const queue = createBackfillQueue<Job>({
    concurrency: options.concurrency ?? 2,
    run: (job, stopped) => runLeasedImport(imports, job, stopped),
  });
  const history = (now: Date) => now.getTime() - (options.days ?? 90) * DAY_MS;
  const resumed = new Set<number>();

  const reaction: Reaction = async ({ context, outcome, now }) => {
    if (outcome.status !== "applied" && outcome.status !== "duplicate") return;
    const { installationId } = outcome;
    const payload = context.payload as InstallationPayload;
    const github = context.octokit as unknown as BackfillGitHub;
    const log = context.log as unknown as Logger;
    const since = history(now);
    const event = `${context.name}.${payload.action ?? ""}`;

    if (event === "installation.deleted" || event === "installation.suspend")
      return queue.cancel(installationId);
    if (event === "installation_repositories.removed")
      return queue.cancel(
        installationId,
        (payload.repositories_removed ?? []).map((r) => r.id),
      );
    for (const repository of addedRepositories(event, payload, outcome.status === "applied"))
      await queueNewRepository(imports, queue, installationId, repository, since, github, log);

    // After a restart: the first delivery of an installation picks up what it left unfinished.
    if (!resumed.has(installationId)) {
      resumed.add(installationId);
      await queueUnfinished(store, queue, installationId, github, since, log);
    }
  };

  return {
    reaction,
    resumeUnfinished: () => queueAllUnfinished(options, queue, () => history(clock())),
    idle: () => queue.idle(),
    stop: () => queue.stop(),
  };
}
