import { hostname } from "node:os";
import { setTimeout as delay } from "node:timers/promises";
import { type ApplicationFunctionOptions, type Probot, run, type Server } from "probot";
import { DEFAULT_WEBHOOK_PATH, expectationsApp } from "../app.js";
import type { BackfillGitHub } from "../backfill/index.js";
import {
  backfillOnInstall,
  codeOwnersReaction,
  releaseQueue,
  rememberSettings,
} from "../flows/index.js";
import {
  type AppGitHub,
  appConnector,
  expectationsOctokit,
  githubWebUrl,
} from "../github/index.js";
import {
  backfillTakeoverJob,
  DEFAULT_FAILED_DELIVERY_RETENTION_DAYS,
  failedDeliveryRetentionJob,
  purgeConfirmationJob,
  releaseReadinessJob,
  reviewActivityJob,
  type ScheduledJob,
  startScheduler,
} from "../schedule/index.js";
import { openStore, resolveStoreLocation, type Store } from "../store/index.js";
import {
  type DashboardFigures,
  type DashboardSwitch,
  dashboardFigures,
  dashboardHandler,
  dashboardSettings,
} from "../web/index.js";
import { probotWebhookPath } from "../webhooks/index.js";
import { positiveIntegerSetting } from "./env-setting.js";
import { type InFlightWork, inFlightWork } from "./in-flight-work.js";
import { serverLog } from "./server-log.js";
import { UsageError } from "./usage-error.js";

/** How long a shutdown waits for deliveries, publications, jobs and imports in flight. */
const SHUTDOWN_DEADLINE_MS = 10_000;
// After the work is done, how long the last answers get to reach their senders.
const ANSWER_GRACE_MS = 1_000;
// The longest the process lingers after that (idle keep-alive connections), the log written out.
const EXIT_AFTER_MS = 2_000;

interface RunningApp {
  store: Store;
  log: Probot["log"];
  deliveries: InFlightWork;
  stopScheduler: () => Promise<void>;
  stopBackfills: () => Promise<void>;
  stopPublishing: () => Promise<void>;
  /** The dashboard's worker threads, when it is on. */
  figures: DashboardFigures | undefined;
}

/**
 * Without it Probot verifies deliveries with its public default secret `development`, so anyone
 * could forge them; that one is refused too. Returns the secret.
 */
function requireWebhookSecret(env: NodeJS.ProcessEnv): string {
  const secret = env.WEBHOOK_SECRET?.trim();
  if (secret && secret !== "development") return secret;
  throw new UsageError(
    `WEBHOOK_SECRET is ${secret ? "Probot's public default, development" : "not set"}: set it to the webhook secret of the GitHub App (its settings on GitHub, Webhook secret) so that only GitHub's deliveries are accepted`,
  );
}

/** The app with its store, reactions and scheduled jobs; called by Probot once APP_ID is set. */
async function startApp(
  probot: Probot,
  options: ApplicationFunctionOptions,
  dashboard: DashboardSwitch,
): Promise<RunningApp> {
  const env = process.env;
  const secret = requireWebhookSecret(env);
  const retentionDays =
    positiveIntegerSetting(env, "FAILED_DELIVERY_RETENTION_DAYS") ??
    DEFAULT_FAILED_DELIVERY_RETENTION_DAYS;
  const backfillDays = positiveIntegerSetting(env, "BACKFILL_DAYS");
  const backfillConcurrency = positiveIntegerSetting(env, "BACKFILL_CONCURRENCY");
  const dashboardWorkers = positiveIntegerSetting(env, "DASHBOARD_WORKERS");

  const store = await openStore();
  const owner = `${hostname()}:${process.pid}`;
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
  const publishing = releaseQueue({ store, connect, webUrl, dashboardUrl, log: probot.log, owner });
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
    webhooks: { secret, path: env.WEBHOOK_PATH || DEFAULT_WEBHOOK_PATH },
    publish: () => publishing,
    reactions: [
      backfills.reaction,
      // A push that changes CODEOWNERS on the default branch: which teams own the repository.
      codeOwnersReaction(store),
    ],
    tracker: deliveries,
    routes:
      dashboard.on && figures
        ? [dashboardHandler({ store, figures, settings: dashboard.settings, log: probot.log })]
        : [],
  })(probot, options);
  publishing.start();
  const jobs: ScheduledJob[] = [
    releaseReadinessJob({ store, webUrl, dashboardUrl, connect, log: probot.log }),
    // Each repository's or team's review-activity issue, on its reports.schedule.
    reviewActivityJob({ store, connect, log: probot.log }),
    failedDeliveryRetentionJob({ store, retentionDays, log: probot.log }),
    // Removals GitHub could not confirm yet are asked about again.
    purgeConfirmationJob({
      store,
      github: async () => (await probot.auth()) as unknown as AppGitHub,
      log: probot.log,
    }),
    // An import whose replica died is taken over by another.
    backfillTakeoverJob({ resume: backfills.resumeUnfinished }),
  ];
  const stopScheduler = startScheduler(store, jobs, {
    owner,
    onError: (job, error) => probot.log.error({ job, err: error }, "scheduled job failed"),
  });
  return {
    store,
    log: probot.log,
    deliveries,
    stopScheduler,
    stopBackfills: backfills.stop,
    stopPublishing: publishing.stop,
    figures,
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

/**
 * The environment as Probot reads it (once it has loaded `.env` into it), but for its webhook
 * middleware: with an app to run, that goes where no request reaches, and the app's own route
 * answers deliveries (bounded, and 2xx only once committed). Setup mode is Probot's own.
 */
function probotEnv(): NodeJS.ProcessEnv {
  return new Proxy(process.env, {
    get(env, name) {
      if (name !== "WEBHOOK_PATH" || !env.APP_ID) return Reflect.get(env, name);
      return probotWebhookPath(env.WEBHOOK_PATH || DEFAULT_WEBHOOK_PATH);
    },
  });
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
  const log = await serverLog(process.env);
  if (!dashboard.on) log.info(dashboard.reason);
  let app: RunningApp | undefined;
  const probotListeners = new Set(process.listeners("SIGINT"));
  const server = await run(
    async (probot, options) => {
      app = await startApp(probot, options, dashboard);
    },
    { Octokit: expectationsOctokit(), log, env: probotEnv() },
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
