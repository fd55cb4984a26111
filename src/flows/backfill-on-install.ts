import type { Logger } from "pino";
import {
  BACKFILL_KIND,
  type BackfillGitHub,
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
  const budgetOf = installationBudgets({ clock, sleep, what: "backfill" });
  const resumed = new Set<number>();

  const leaseOwner = options.owner ?? `backfill:${process.pid}`;
  const queue = createBackfillQueue<Job>({
    concurrency: options.concurrency ?? 2,
    run: async (job, stopped) => {
      const [owner = "", name = ""] = job.fullName.split("/");
      try {
        const leased = await holdLease(
          store,
          backfillLeaseName(job.installationId, job.repositoryId),
          { owner: leaseOwner, ttlMs: BACKFILL_LEASE_MS, clock: () => clock().getTime() },
          () => importRepository(job, owner, name, stopped),
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
          job.log.error(
            { err: error, repository: job.fullName },
            `backfill of ${job.fullName} failed`,
          );
      }
    },
  });

  async function importRepository(
    job: Job,
    owner: string,
    name: string,
    stopped: () => boolean,
  ): Promise<void> {
    const summary = await backfillRepository({
      store,
      github: job.github,
      budget: budgetOf(job.installationId, job.log),
      installationId: job.installationId,
      owner,
      name,
      repositoryId: job.repositoryId,
      since: job.since,
      clock,
      shouldStop: stopped,
    });
    job.log.info({ ...summary }, `backfill of ${job.fullName} done`);
    options.onDone?.(summary);
  }

  async function start(
    installationId: number,
    repository: RepositoryPayload,
    since: number,
    github: BackfillGitHub,
    log: Logger,
  ): Promise<void> {
    const cursor = await openBackfillCursor(
      store,
      installationId,
      repository.id,
      since,
      clock().getTime(),
    );
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

  const reaction: Reaction = async ({ context, outcome, now }) => {
    if (outcome.status !== "applied" && outcome.status !== "duplicate") return;
    const { installationId } = outcome;
    const payload = context.payload as InstallationPayload;
    const github = context.octokit as unknown as BackfillGitHub;
    const log = context.log as unknown as Logger;
    const since = now.getTime() - (options.days ?? 90) * DAY_MS;
    const event = `${context.name}.${payload.action ?? ""}`;

    if (event === "installation.deleted" || event === "installation.suspend")
      return queue.cancel(installationId);
    if (event === "installation_repositories.removed")
      return queue.cancel(
        installationId,
        (payload.repositories_removed ?? []).map((r) => r.id),
      );
    const added =
      outcome.status !== "applied"
        ? []
        : event === "installation.created"
          ? (payload.repositories ?? [])
          : event === "installation_repositories.added"
            ? (payload.repositories_added ?? [])
            : [];
    for (const repository of added) await start(installationId, repository, since, github, log);

    // After a restart: the first delivery of an installation picks up what it left unfinished.
    if (!resumed.has(installationId)) {
      resumed.add(installationId);
      await resume(installationId, github, since, log);
    }
  };

  /** Queues the installation's unfinished imports; the lease decides which replica runs each. */
  async function resume(
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

  async function resumeUnfinished(): Promise<void> {
    const { connect, log } = options;
    if (!connect || !log) return;
    const suspended = new Set(
      (await store.listInstallations()).filter((i) => i.suspended).map((i) => i.installationId),
    );
    const since = clock().getTime() - (options.days ?? 90) * DAY_MS;
    for (const installationId of await store.listInstallationIds()) {
      if (suspended.has(installationId)) continue;
      if ((await store.listUnfinishedBackfills(installationId)).length === 0) continue;
      try {
        await resume(installationId, await connect(installationId), since, log);
      } catch (error) {
        log.error({ installationId, err: error }, "unfinished backfills could not be resumed");
      }
    }
  }

  return { reaction, resumeUnfinished, idle: () => queue.idle(), stop: () => queue.stop() };
}
