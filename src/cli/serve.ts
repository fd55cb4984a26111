import { hostname } from "node:os";
import { setTimeout as delay } from "node:timers/promises";
import { type ApplicationFunctionOptions, type Probot, run, type Server } from "probot";
import { expectationsApp } from "../app.js";
import type { BackfillGitHub } from "../backfill/index.js";
import {
  backfillOnInstall,
  type CatchUps,
  catchUpInBackground,
  codeOwnersReaction,
  openDowntimeGaps,
  releaseQueue,
  rememberSettings,
} from "../flows/index.js";
import {
  apiBaseUrl,
  appConnector,
  appJwt,
  expectationsOctokit,
  githubWebUrl,
} from "../github/index.js";
import { appRequest, hookDeliveries, SUBSCRIBED_EVENTS } from "../recovery/index.js";
import {
  backfillTakeoverJob,
  DEFAULT_FAILED_DELIVERY_RETENTION_DAYS,
  DEFAULT_REDELIVERY_INTERVAL_MS,
  failedDeliveryRetentionJob,
  redeliveryJob,
  releaseReadinessJob,
  reviewActivityJob,
  type ScheduledJob,
  startHeartbeat,
  startScheduler,
} from "../schedule/index.js";
import { openStore, resolveStoreLocation, type Store } from "../store/index.js";
import { noTelemetry, type Telemetry } from "../telemetry/index.js";
import {
  type DashboardFigures,
  type DashboardSwitch,
  dashboardFigures,
  dashboardHandler,
  dashboardSettings,
} from "../web/index.js";
import { durationSetting, positiveIntegerSetting } from "./env-setting.js";
import { type InFlightWork, inFlightWork } from "./in-flight-work.js";
import { type OperationsMetrics, operationsMetrics } from "./operations-metrics.js";
import { operationsSnapshot } from "./operations-snapshot.js";
import { serverLog } from "./server-log.js";
import { UsageError } from "./usage-error.js";

/** How long a shutdown waits for deliveries, publications, jobs and imports in flight. */
const SHUTDOWN_DEADLINE_MS = 10_000;
// After the work is done, how long the last answers get to reach their senders.
const ANSWER_GRACE_MS = 1_000;
// The longest the process lingers after that (idle keep-alive connections), the log written out.
const EXIT_AFTER_MS = 2_000;
/** How often due jobs are looked for: a redelivery run waiting for what it asked comes soon. */
const SCHEDULER_TICK_MS = 15_000;
/** The shortest REDELIVERY_INTERVAL: GitHub's list is not to be read more often. */
const SHORTEST_REDELIVERY_INTERVAL_MS = 30_000;
/** The longest a redelivery run waits when GitHub asks it to (the rest waits for the next run). */
const LONGEST_GITHUB_WAIT_MS = 2 * 60_000;

interface RunningApp {
  store: Store;
  log: Probot["log"];
  deliveries: InFlightWork;
  stopScheduler: () => Promise<void>;
  stopBackfills: () => Promise<void>;
  stopPublishing: () => Promise<void>;
  stopHeartbeat: () => Promise<void>;
  catchUps: CatchUps;
  /** The dashboard's worker threads, when it is on. */
  figures: DashboardFigures | undefined;
  /** The scheduled jobs' names (their lag is a metric). */
  jobs: string[];
}

/**
 * Without it Probot verifies deliveries with its public default secret `development`, so anyone
 * could forge them.
 */
function requireWebhookSecret(env: NodeJS.ProcessEnv): void {
  if (env.WEBHOOK_SECRET?.trim()) return;
  throw new UsageError(
    "WEBHOOK_SECRET is not set: set it to the webhook secret of the GitHub App (its settings on GitHub, Webhook secret) so that only GitHub's deliveries are accepted",
  );
}

/** The app with its store, reactions and scheduled jobs; called by Probot once APP_ID is set. */
async function startApp(
  probot: Probot,
  options: ApplicationFunctionOptions,
  dashboard: DashboardSwitch,
  metrics: OperationsMetrics | undefined,
): Promise<RunningApp> {
  const env = process.env;
  requireWebhookSecret(env);
  const telemetry: Telemetry = metrics?.telemetry ?? noTelemetry;
  const redeliveryIntervalMs =
    durationSetting(env, "REDELIVERY_INTERVAL", SHORTEST_REDELIVERY_INTERVAL_MS) ??
    DEFAULT_REDELIVERY_INTERVAL_MS;
  const retentionDays =
    positiveIntegerSetting(env, "FAILED_DELIVERY_RETENTION_DAYS") ??
    DEFAULT_FAILED_DELIVERY_RETENTION_DAYS;
  const backfillDays = positiveIntegerSetting(env, "BACKFILL_DAYS");
  const backfillConcurrency = positiveIntegerSetting(env, "BACKFILL_CONCURRENCY");
  const dashboardWorkers = positiveIntegerSetting(env, "DASHBOARD_WORKERS");

  const store = await openStore();
  const owner = `${hostname()}:${process.pid}`;
  // Down since the last heartbeat of any replica: each installation's record has a gap until
  // recovery closes it.
  const downtime = await openDowntimeGaps(store, Date.now());
  const [down] = downtime;
  if (down)
    probot.log.warn(
      {
        from: new Date(down.startsAt).toISOString(),
        to: new Date(down.endsAt).toISOString(),
        installations: downtime.length,
      },
      "no replica was running for a while: what GitHub sent meanwhile is being recovered",
    );
  const stopHeartbeat = startHeartbeat(store, {
    onError: (error) => probot.log.error({ err: error }, "heartbeat not written"),
  });
  const webUrl = githubWebUrl(env);
  // Release checks link to the milestone's dashboard page when there is one to open.
  const dashboardUrl = dashboard.on ? (dashboard.settings.publicUrl ?? undefined) : undefined;
  // History for new installations and repositories, imported in the background.
  const backfills = backfillOnInstall({
    store,
    owner,
    connect: async (installationId) =>
      (await probot.auth(installationId)) as unknown as BackfillGitHub,
    log: probot.log,
    ...(backfillDays ? { days: backfillDays } : {}),
    ...(backfillConcurrency ? { concurrency: backfillConcurrency } : {}),
  });
  const installation = appConnector(probot);
  // The settings the jobs read are kept for the dashboard, which never reads GitHub itself.
  const connect = async (installationId: number) =>
    rememberSettings(store, installationId, await installation(installationId), Date.now);
  // Release readiness that deliveries made stale, published by workers of every replica.
  const publishing = releaseQueue({
    store,
    connect,
    webUrl,
    dashboardUrl,
    log: probot.log,
    owner,
    telemetry,
  });
  // Gaps redelivery cannot close, caught up by backfill in the background.
  const catchUps = catchUpInBackground({
    store,
    connect: async (installationId) =>
      (await probot.auth(installationId)) as unknown as BackfillGitHub,
    owner: `${owner}:catch-up`,
    log: probot.log,
  });
  // GitHub's list of the App's deliveries, read and asked as the App (its JWT).
  const deliveryList = hookDeliveries(
    appRequest({
      baseUrl: apiBaseUrl(env),
      token: () => appJwt(probot),
    }),
    {
      clock: () => new Date(),
      sleep: (ms) => delay(ms),
      maxWaitMs: LONGEST_GITHUB_WAIT_MS,
      telemetry,
    },
  );
  const deliveries = inFlightWork();
  // The dashboard's figures are computed by worker threads, each reading the same store.
  const figures = dashboard.on
    ? dashboardFigures({
        store,
        location: resolveStoreLocation({}, env),
        log: probot.log,
        ...(dashboardWorkers ? { workers: dashboardWorkers } : {}),
      })
    : undefined;
  await expectationsApp({
    store,
    publish: () => publishing,
    reactions: [
      backfills.reaction,
      // A push that changes CODEOWNERS on the default branch: which teams own the repository.
      codeOwnersReaction(store),
    ],
    tracker: deliveries,
    observe: telemetry.delivery,
    routes: [
      ...(metrics ? [metrics.route] : []),
      ...(dashboard.on && figures
        ? [dashboardHandler({ store, figures, settings: dashboard.settings, log: probot.log })]
        : []),
    ],
  })(probot, options);
  publishing.start();
  const jobs: ScheduledJob[] = [
    // First: what GitHub sent while no replica could take it, asked for again.
    redeliveryJob({
      store,
      deliveries: async () => deliveryList,
      events: SUBSCRIBED_EVENTS,
      intervalMs: redeliveryIntervalMs,
      catchUps,
      telemetry,
      log: probot.log,
    }),
    releaseReadinessJob({ store, webUrl, dashboardUrl, connect, log: probot.log, telemetry }),
    // Each repository's or team's review-activity issue, on its reports.schedule.
    reviewActivityJob({ store, connect, log: probot.log, telemetry }),
    failedDeliveryRetentionJob({ store, retentionDays, log: probot.log }),
    // An import whose replica died is taken over by another.
    backfillTakeoverJob({ resume: backfills.resumeUnfinished }),
  ];
  const stopScheduler = startScheduler(store, jobs, {
    owner,
    tickMs: SCHEDULER_TICK_MS,
    telemetry,
    onError: (job, error) => probot.log.error({ job, err: error }, "scheduled job failed"),
  });
  return {
    store,
    log: probot.log,
    deliveries,
    stopScheduler,
    stopBackfills: backfills.stop,
    stopPublishing: publishing.stop,
    stopHeartbeat,
    catchUps,
    figures,
    jobs: jobs.map((job) => job.name),
  };
}

/**
 * Stops accepting deliveries, lets the ones in flight finish (recorded and published), stops
 * the scheduler and the imports after their page, closes the store. Returns the exit code:
 * 0, or 1 when the deadline cut work off.
 */
async function stopGracefully(signal: string, server: Server, app: RunningApp): Promise<number> {
  app.deliveries.close();
  const closed = server.stop();
  const finished = await Promise.race([
    Promise.all([
      app.deliveries.idle(),
      app.stopScheduler(),
      app.stopBackfills(),
      app.stopPublishing(),
      app.stopHeartbeat(),
      app.catchUps.stop(),
      app.figures?.stop(),
    ]).then(() => true),
    delay(SHUTDOWN_DEADLINE_MS, false, { ref: false }),
  ]);
  await Promise.race([
    closed.catch(() => undefined),
    delay(ANSWER_GRACE_MS, undefined, { ref: false }),
  ]);
  await app.store.close();
  if (finished)
    app.log.info(
      { signal },
      `stopped on ${signal}: deliveries and publications in flight finished, store closed`,
    );
  else
    app.log.warn(
      { signal },
      `stopped on ${signal} after ${SHUTDOWN_DEADLINE_MS / 1000} s: work still in flight was cut off (an import resumes on the next start), store closed`,
    );
  return finished ? 0 : 1;
}

/** Runs the Probot server; without APP_ID, Probot's own setup flow registers the app. */
export async function serve(): Promise<void> {
  // A misconfigured dashboard (a short SESSION_SECRET) stops the start, before anything runs.
  let dashboard: DashboardSwitch;
  try {
    dashboard = dashboardSettings(process.env);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  let app: RunningApp | undefined;
  const metrics = operationsMetrics(process.env, async () =>
    app ? operationsSnapshot(app.store, app.jobs, Date.now()) : { storeUp: false },
  );
  const log = await serverLog(process.env);
  if (!dashboard.on) log.info(dashboard.reason);
  const probotListeners = new Set(process.listeners("SIGINT"));
  const server = await run(
    async (probot, options) => {
      app = await startApp(probot, options, dashboard, metrics);
    },
    { Octokit: expectationsOctokit(undefined, metrics?.telemetry), log },
  );
  // Probot's setup flow: no app, nothing to finish on the way out.
  if (!app) return;
  const running = app;
  // Probot's own SIGINT handler exits as soon as the server is closed; ours finishes the work.
  for (const listener of process.listeners("SIGINT"))
    if (!probotListeners.has(listener)) process.removeListener("SIGINT", listener);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    void stopGracefully(signal, server, running)
      .catch((error: unknown) => {
        running.log.error({ err: error }, `stopping on ${signal} failed`);
        return 1;
      })
      .then((code) => {
        process.exitCode = code;
        setTimeout(() => process.exit(code), EXIT_AFTER_MS).unref();
      });
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
