import type { Logger } from "pino";
import type { ConfigResult } from "../config/index.js";
import { type GitHubTeam, postReviewActivityReport } from "../flows/index.js";
import type { InstallationConnection } from "../github/index.js";
import { earlierScheduledPeriods, scheduledPeriod, TREND_PERIODS } from "../reports/index.js";
import type { RepositoryRecord, Store } from "../store/index.js";
import type { Telemetry } from "../telemetry/index.js";
import { nextCronRun } from "../time/index.js";
import type { ScheduledJob } from "./job.js";
import { type OwnerSettings, ownerSettings } from "./owner-settings.js";
import {
  REVIEW_ACTIVITY_JOB,
  type ReportTarget,
  reportTargets,
  reviewActivityRepositoryKey,
} from "./report-targets.js";

const LOOK_EVERY_MS = 5 * 60_000;
const HOUR_MS = 3_600_000;
// A repository with reports off, or a bad config, is looked at again a day later.
const RECHECK_MS = 24 * HOUR_MS;

export interface ReviewActivityJobOptions {
  store: Store;
  connect(installationId: number): Promise<InstallationConnection>;
  log?: Logger;
  telemetry?: Telemetry;
}

/**
 * Posts each repository's (or, with `reports.teams`, each team's) review-activity issue on its
 * `reports.schedule`, in the team's time zone. It looks every five minutes; each report's next
 * time is kept in the store, so a restart neither skips nor repeats one, and a report seen for
 * the first time waits for its first scheduled time. Only due repositories cost a config read.
 */
export function reviewActivityJob(options: ReviewActivityJobOptions): ScheduledJob {
  const { store } = options;
  return {
    name: REVIEW_ACTIVITY_JOB,
    nextRunAfter: (after) =>
      new Date((Math.floor(after.getTime() / LOOK_EVERY_MS) + 1) * LOOK_EVERY_MS),
    async run(now) {
      const suspended = new Set(
        (await store.listInstallations()).filter((i) => i.suspended).map((i) => i.installationId),
      );
      for (const installationId of await store.listInstallationIds())
        if (!suspended.has(installationId)) await lookAtInstallation(options, installationId, now);
    },
  };
}

/** One look at an installation: what it knows, connected once, for each due repository. */
interface InstallationLook {
  options: ReviewActivityJobOptions;
  connection: InstallationConnection;
  installationId: number;
  repositories: RepositoryRecord[];
  owners: OwnerSettings;
  now: Date;
}

/** A repository whose next look has come, or that was never looked at (`firstLook`). */
interface DueRepository {
  repository: RepositoryRecord;
  firstLook: boolean;
}

/** The repositories whose next look has come, or that were never looked at. */
async function dueRepositories(
  store: Store,
  installationId: number,
  repositories: readonly RepositoryRecord[],
  at: number,
): Promise<DueRepository[]> {
  const due: DueRepository[] = [];
  for (const repository of repositories) {
    const next = await store.getNextRun(
      reviewActivityRepositoryKey(installationId, repository.repositoryId),
    );
    if (next === undefined || next <= at) due.push({ repository, firstLook: next === undefined });
  }
  return due;
}

/** Looks at an installation's due repositories; one it cannot reach waits for the next look. */
async function lookAtInstallation(
  options: ReviewActivityJobOptions,
  installationId: number,
  now: Date,
): Promise<void> {
  const { store, log } = options;
  const at = now.getTime();
  const repositories = await store.listRepositories(installationId);
  const due = await dueRepositories(store, installationId, repositories, at);
  if (due.length === 0) return;
  let connection: InstallationConnection;
  try {
    connection = await options.connect(installationId);
  } catch (error) {
    log?.error({ installation: installationId, err: error }, "cannot reach installation");
    return;
  }
  const owners = ownerSettings({ store, connection, installationId, repositories, at, log });
  const look = { options, connection, installationId, repositories, owners, now };
  for (const { repository, firstLook } of due) await lookAtRepository(look, repository, firstLook);
}

/** A repository's own settings, its owner's, and the GitHub teams its owner's file names. */
interface RepositorySettings {
  own: ConfigResult;
  organization: ConfigResult;
  githubTeams: Map<string, GitHubTeam>;
}

async function repositorySettings(
  look: InstallationLook,
  repository: RepositoryRecord,
): Promise<RepositorySettings> {
  const [owner = "", repo = ""] = repository.fullName.split("/");
  const own = await look.connection.loadConfig({
    owner,
    repo,
    repositoryId: repository.repositoryId,
  });
  const organization = await look.owners.config(owner);
  const githubTeams = await look.owners.githubTeams(owner);
  return { own, organization, githubTeams };
}

/**
 * Looks at one due repository: posts each report it takes part in that is due, and sets when to
 * look at it again (an hour after its config could not be read, a day when it has no report).
 */
async function lookAtRepository(
  look: InstallationLook,
  repository: RepositoryRecord,
  firstLook: boolean,
): Promise<void> {
  const { store, log } = look.options;
  const { installationId, now } = look;
  const at = now.getTime();
  const repositoryKey = reviewActivityRepositoryKey(installationId, repository.repositoryId);
  const repositoryScope = { installationId, repositoryId: repository.repositoryId };
  let settings: RepositorySettings;
  try {
    settings = await repositorySettings(look, repository);
  } catch (error) {
    log?.error({ repository: repository.fullName, err: error }, "cannot load config");
    await store.setNextRun(repositoryKey, at + HOUR_MS, at, repositoryScope);
    return;
  }
  const { own, organization, githubTeams } = settings;
  if (!own.ok)
    log?.warn(
      { repository: repository.fullName, errors: own.errors },
      "review-activity report skipped: .github/expectations.yml is invalid",
    );
  const targets = reportTargets(
    installationId,
    repository,
    look.repositories,
    own,
    organization,
    githubTeams,
  );
  if (targets.length === 0) {
    await store.setNextRun(repositoryKey, at + RECHECK_MS, at, repositoryScope);
    return;
  }
  let soonest = at + RECHECK_MS;
  for (const target of targets) {
    const next = nextCronRun(target.config.reports.schedule, now, target.config.timezone).getTime();
    soonest = Math.min(soonest, next);
    const due =
      target.key === repositoryKey && !firstLook ? at : await store.getNextRun(target.key);
    await postWhenDue(look, target, due, next);
  }
  // A team's repository only tells when to look at the config (and the team) again.
  if (!targets.some((t) => t.key === repositoryKey))
    await store.setNextRun(repositoryKey, soonest, at, repositoryScope);
}

/**
 * Posts a report whose time has come and sets its next time (`next`); a report seen for the
 * first time (`due` undefined) only waits for its first scheduled time; a failure is retried in
 * an hour.
 */
async function postWhenDue(
  look: InstallationLook,
  target: ReportTarget,
  due: number | undefined,
  next: number,
): Promise<void> {
  const { store, log, telemetry } = look.options;
  const at = look.now.getTime();
  if (due === undefined) {
    await store.setNextRun(target.key, next, null, target.jobScope);
    return;
  }
  if (due > at) return;
  try {
    await runReport(look.options, look.connection, look.installationId, target, look.now);
    await store.setNextRun(target.key, next, at, target.jobScope);
  } catch (error) {
    telemetry?.publication("failed");
    log?.error(
      { report: target.scope.name, err: error },
      "review-activity report failed; retrying in an hour",
    );
    await store.setNextRun(target.key, at + HOUR_MS, at, target.jobScope);
  }
}

async function runReport(
  options: ReviewActivityJobOptions,
  connection: InstallationConnection,
  installationId: number,
  target: ReportTarget,
  now: Date,
): Promise<void> {
  const { config } = target;
  const period = scheduledPeriod(config, now);
  const published = await postReviewActivityReport(
    { store: options.store, target: connection.target, installationId, now: now.getTime() },
    {
      scope: target.scope,
      repositories: target.repositories,
      period,
      config,
      members: target.members,
      memberSpans: target.memberSpans,
      earlierPeriods: earlierScheduledPeriods(config, period, TREND_PERIODS - 1),
    },
    target.postTo,
  );
  options.telemetry?.publication(published.result);
  options.log?.info?.(
    { report: target.scope.name, issue: published.issue, result: published.result },
    "review-activity report published",
  );
}
