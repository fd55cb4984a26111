import { setTimeout as delay } from "node:timers/promises";
import type { Logger, Probot } from "probot";
import type { CatchUps } from "../flows/index.js";
import {
  type AppGitHub,
  apiBaseUrl,
  appJwt,
  type InstallationConnection,
} from "../github/index.js";
import { appRequest, hookDeliveries, SUBSCRIBED_EVENTS } from "../recovery/index.js";
import {
  backfillTakeoverJob,
  DEFAULT_FAILED_DELIVERY_RETENTION_DAYS,
  DEFAULT_REDELIVERY_INTERVAL_MS,
  failedDeliveryRetentionJob,
  purgeConfirmationJob,
  redeliveryJob,
  releaseReadinessJob,
  reviewActivityJob,
  type ScheduledJob,
  startScheduler,
} from "../schedule/index.js";
import type { Store } from "../store/index.js";
import type { Telemetry } from "../telemetry/index.js";
import type { ServeSettings } from "./serve-settings.js";

/** How often due jobs are looked for: a redelivery run waiting for what it asked comes soon. */
const SCHEDULER_TICK_MS = 15_000;
/** The longest a redelivery run waits when GitHub asks it to (the rest waits for the next run). */
const LONGEST_GITHUB_WAIT_MS = 2 * 60_000;

export interface BackgroundJobsOptions {
  store: Store;
  probot: Probot;
  settings: ServeSettings;
  telemetry: Telemetry;
  log: Logger;
  /** This replica, as the holder of a job's lease. */
  owner: string;
  webUrl: string;
  dashboardUrl: string | undefined;
  /** An installation's connection, its settings kept for the dashboard. */
  connect: (installationId: number) => Promise<InstallationConnection>;
  /** Gaps redelivery cannot close, caught up by backfill in the background. */
  catchUps: CatchUps;
  /** Queues the unfinished imports of every installation (one whose replica died is taken over). */
  resumeImports: () => Promise<void>;
}

/**
 * Starts the replica's scheduled jobs, each under a lease in the store so that one replica runs
 * it at a time: redelivery, release readiness, the review-activity reports, the retention of
 * failed deliveries, the takeover of imports, and removals asked about again. Returns how to
 * stop the scheduler and the jobs' names (their lag is a metric).
 */
export function startBackgroundJobs(options: BackgroundJobsOptions): {
  stop: () => Promise<void>;
  names: string[];
} {
  const { store, probot, settings, telemetry, log, connect, webUrl, dashboardUrl } = options;
  // GitHub's list of the App's deliveries, read and asked as the App (its JWT).
  const deliveryList = hookDeliveries(
    appRequest({ baseUrl: apiBaseUrl(process.env), token: () => appJwt(probot) }),
    {
      clock: () => new Date(),
      sleep: (ms) => delay(ms),
      maxWaitMs: LONGEST_GITHUB_WAIT_MS,
      telemetry,
    },
  );
  const jobs: ScheduledJob[] = [
    // First: what GitHub sent while no replica could take it, asked for again.
    redeliveryJob({
      store,
      deliveries: async () => deliveryList,
      events: SUBSCRIBED_EVENTS,
      intervalMs: settings.redeliveryIntervalMs ?? DEFAULT_REDELIVERY_INTERVAL_MS,
      catchUps: options.catchUps,
      telemetry,
      log,
    }),
    releaseReadinessJob({ store, webUrl, dashboardUrl, connect, log, telemetry }),
    // Each repository's or team's review-activity issue, on its reports.schedule.
    reviewActivityJob({ store, connect, log, telemetry }),
    failedDeliveryRetentionJob({
      store,
      retentionDays: settings.failedDeliveryRetentionDays ?? DEFAULT_FAILED_DELIVERY_RETENTION_DAYS,
      log,
    }),
    // An import whose replica died is taken over by another.
    backfillTakeoverJob({ resume: options.resumeImports }),
    // Removals GitHub could not confirm yet are asked about again.
    purgeConfirmationJob({
      store,
      github: async () => (await probot.auth()) as unknown as AppGitHub,
      log,
    }),
  ];
  const stop = startScheduler(store, jobs, {
    owner: options.owner,
    onError: (job, error) => log.error({ job, err: error }, "scheduled job failed"),
    tickMs: SCHEDULER_TICK_MS,
    telemetry,
  });
  return { stop, names: jobs.map((job) => job.name) };
}
