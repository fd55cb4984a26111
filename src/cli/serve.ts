import { hostname } from "node:os";
import { setTimeout as delay } from "node:timers/promises";
import { type ApplicationFunctionOptions, type Logger, Probot, run, Server } from "probot";
import { expectationsApp } from "../app.js";
import type { BackfillGitHub } from "../backfill/index.js";
import {
  backfillOnInstall,
  type CatchUps,
  catchUpInBackground,
  codeOwnersReaction,
  openDowntimeGaps,
  publishQueueWorkers,
  rememberSettings,
} from "../flows/index.js";
import {
  type AppGitHub,
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
  purgeConfirmationJob,
  redeliveryJob,
  releaseReadinessJob,
  reviewActivityJob,
  type ScheduledJob,
  startHeartbeat,
  startScheduler,
} from "../schedule/index.js";
import { SettingError } from "../settings/index.js";
import { openStore, resolveStoreLocation, type Store } from "../store/index.js";
import { noTelemetry, type Telemetry } from "../telemetry/index.js";
import {
  type DashboardFigures,
  type DashboardSwitch,
  dashboardFigures,
  dashboardHandler,
  dashboardSettings,
} from "../web/index.js";
import { probotWebhookPath } from "../webhooks/index.js";
import { type InFlightWork, inFlightWork } from "./in-flight-work.js";
import {
  deliveryObserver,
  type OperationsMetrics,
  operationsMetrics,
} from "./operations-metrics.js";
import { operationsSnapshot } from "./operations-snapshot.js";
import type { AppCredentials, ServeSettings } from "./serve-settings.js";
import { serverLog } from "./server-log.js";
import { webhookProxy } from "./webhook-proxy.js";

/** The most a shutdown takes, from the signal to the exit (README "Stopping"). */
const SHUTDOWN_DEADLINE_MS = 10_000;
// Of that, what deliveries, publications, jobs and imports in flight get to finish...
const WORK_DEADLINE_MS = 8_000;
// ...and what the last answers and closing the store get; the rest is margin for a loaded machine.
const CLOSE_DEADLINE_MS = 1_000;

/** How often due jobs are looked for: a redelivery run waiting for what it asked comes soon. */
const SCHEDULER_TICK_MS = 15_000;
/** The longest a redelivery run waits when GitHub asks it to (the rest waits for the next run). */
const LONGEST_GITHUB_WAIT_MS = 2 * 60_000;

/** A piece of work a shutdown waits for, and how to name what is cut if it cannot finish. */
interface Stoppable {
  stop: () => Promise<unknown>;
  /** What is left if `stop` has not finished in time, for the log line ("1 publication"). */
  cut: () => string;
}

interface RunningApp {
  store: Store;
  log: Logger;
  deliveries: InFlightWork;
  work: Stoppable[];
  /** The scheduled jobs' names (their lag is a metric). */
  jobs: string[];
}

const count = (n: number, what: string) => `${n === 1 ? "a" : n} ${what}${n === 1 ? "" : "s"}`;

/** The app with its store, reactions and scheduled jobs. */
async function startApp(
  probot: Probot,
  options: ApplicationFunctionOptions,
  context: {
    store: Store;
    dashboard: DashboardSwitch;
    settings: ServeSettings;
    app: AppCredentials;
    metrics: OperationsMetrics | undefined;
  },
): Promise<RunningApp> {
  const { store, dashboard, settings, app, metrics } = context;
  const telemetry: Telemetry = metrics?.telemetry ?? noTelemetry;
  const env = process.env;
  const retentionDays =
    settings.failedDeliveryRetentionDays ?? DEFAULT_FAILED_DELIVERY_RETENTION_DAYS;
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
    ...(settings.backfillDays ? { days: settings.backfillDays } : {}),
    ...(settings.backfillConcurrency ? { concurrency: settings.backfillConcurrency } : {}),
  });
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
  const installation = appConnector(probot);
  // The settings the jobs read are kept for the dashboard, which never reads GitHub itself.
  const connect = async (installationId: number) =>
    rememberSettings(store, installationId, await installation(installationId), Date.now);
  // Release readiness that deliveries made stale, published by workers of every replica.
  const publishing = publishQueueWorkers({
    store,
    connect,
    webUrl,
    dashboardUrl,
    log: probot.log,
    owner,
    telemetry,
  });
  // Gaps redelivery cannot close, caught up by backfill in the background.
  const catchUps: CatchUps = catchUpInBackground({
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
  const figures: DashboardFigures | undefined = dashboard.on
    ? dashboardFigures({
        store,
        location: resolveStoreLocation({}, env),
        log: probot.log,
        ...(settings.dashboardWorkers ? { workers: settings.dashboardWorkers } : {}),
      })
    : undefined;
  await expectationsApp({
    store,
    reactions: [
      publishing.reaction,
      backfills.reaction,
      // A push that changes CODEOWNERS on the default branch: which teams own the repository.
      codeOwnersReaction(store),
    ],
    tracker: deliveries,
    webhooks: { secret: app.webhookSecret, path: settings.webhookPath },
    onDelivery: deliveryObserver(metrics),
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
      intervalMs: settings.redeliveryIntervalMs ?? DEFAULT_REDELIVERY_INTERVAL_MS,
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
    // Removals GitHub could not confirm yet are asked about again.
    purgeConfirmationJob({
      store,
      github: async () => (await probot.auth()) as unknown as AppGitHub,
      log: probot.log,
    }),
  ];
  const stopScheduler = startScheduler(store, jobs, {
    owner,
    onError: (job, error) => probot.log.error({ job, err: error }, "scheduled job failed"),
    tickMs: SCHEDULER_TICK_MS,
    telemetry,
  });
  const work: Stoppable[] = [
    {
      stop: () => deliveries.idle(),
      cut: () =>
        `${count(deliveries.running(), "delivery")} (answered 5xx or not at all: GitHub lists them for redelivery)`,
    },
    {
      stop: publishing.stop,
      cut: () =>
        `${count(Math.max(1, publishing.publishing()), "publication")} of release readiness (left in the publish queue: published after its lease, by the next start or another replica)`,
    },
    { stop: stopScheduler, cut: () => "a scheduled job (run again on its next tick)" },
    { stop: backfills.stop, cut: () => "an import (resumed from its last page on the next start)" },
    {
      stop: catchUps.stop,
      cut: () => "a catch-up (its gap stays open; resumed from its last page on the next start)",
    },
    { stop: stopHeartbeat, cut: () => "the heartbeat" },
  ];
  if (figures)
    work.push({ stop: () => figures.stop(), cut: () => "the dashboard's worker threads" });
  return { store, log: probot.log, deliveries, work, jobs: jobs.map((job) => job.name) };
}

/**
 * Stops accepting deliveries, gives the work in flight (deliveries recorded and published,
 * publications, jobs, imports after their page) until the work deadline, closes the store, and
 * logs one line naming what was cut. Whatever is in flight, it is over within the shutdown
 * deadline: a publication cut off stays in the durable publish queue, which is what it is for.
 */
async function stopGracefully(signal: string, server: Server, app: RunningApp): Promise<void> {
  app.deliveries.close();
  const closed = server.stop().catch(() => undefined);
  const finished = new Set<Stoppable>();
  const stops = app.work.map((piece) =>
    piece.stop().then(
      () => finished.add(piece),
      (error: unknown) => app.log.error({ err: error }, `stopping on ${signal}: ${piece.cut()}`),
    ),
  );
  await Promise.race([Promise.all(stops), delay(WORK_DEADLINE_MS, undefined, { ref: false })]);
  const cut = app.work.filter((piece) => !finished.has(piece)).map((piece) => piece.cut());
  await Promise.race([
    Promise.all([closed, app.store.close()]),
    delay(CLOSE_DEADLINE_MS, undefined, { ref: false }),
  ]);
  if (cut.length === 0)
    app.log.info(
      { signal },
      `stopped on ${signal}: deliveries and publications in flight finished, store closed`,
    );
  else
    app.log.warn(
      { signal, cut },
      `stopped on ${signal} after ${WORK_DEADLINE_MS / 1000} s, cutting off ${cut.join("; ")}`,
    );
}

/** Probot's setup flow (no APP_ID): it registers the app and writes its settings into .env. */
async function setupFlow(log: Logger): Promise<void> {
  await run(() => undefined, { log });
}

/** Starts the server; a port in use is a setting to fix. */
async function startServer(server: Server, settings: ServeSettings): Promise<void> {
  try {
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    const e = error as NodeJS.ErrnoException;
    if (e.code === "EADDRINUSE")
      throw new SettingError(
        `PORT: ${settings.port} is in use on ${settings.host}; stop what listens there or set another PORT`,
      );
    throw error;
  }
}

function dashboardSwitch(): DashboardSwitch {
  try {
    return dashboardSettings(process.env);
  } catch (error) {
    throw new SettingError((error as Error).message);
  }
}

/**
 * The app's Probot server, as Probot's own `run` builds it, from settings already checked; but
 * Probot's webhook middleware goes where no request reaches: the app's own route answers
 * deliveries (bounded, and 2xx only once committed).
 */
function probotServer(
  settings: ServeSettings,
  app: AppCredentials,
  log: Logger,
  telemetry: Telemetry,
): Server {
  return new Server({
    host: settings.host,
    port: settings.port,
    webhookPath: probotWebhookPath(settings.webhookPath),
    log,
    Probot: Probot.defaults({
      appId: app.appId,
      privateKey: app.privateKey,
      secret: app.webhookSecret,
      baseUrl: apiBaseUrl(process.env),
      log,
      Octokit: expectationsOctokit(undefined, telemetry),
    }),
  });
}

/**
 * Runs the app's server from settings checked at the start (`serveSettings`); without APP_ID,
 * Probot's setup flow. A setting the app cannot work with (a misconfigured dashboard, a
 * database that cannot be opened, a port in use) stops it with one line before it listens.
 */
export async function serve(settings: ServeSettings): Promise<void> {
  const dashboard = dashboardSwitch();
  const log = await serverLog(process.env);
  if (!settings.app) return setupFlow(log);
  const proxy = settings.webhookProxyUrl
    ? await webhookProxy(
        settings.webhookProxyUrl,
        `http://${settings.host}:${settings.port}${settings.webhookPath}`,
        log,
      )
    : undefined;
  const store = await openStore().catch(async (error: unknown) => {
    await proxy?.stop();
    throw error;
  });
  if (!dashboard.on) log.info(dashboard.reason);
  let app: RunningApp | undefined;
  const metrics = operationsMetrics(settings.metricsToken, async () =>
    app ? operationsSnapshot(app.store, app.jobs, Date.now()) : { storeUp: false },
  );
  const server = probotServer(settings, settings.app, log, metrics?.telemetry ?? noTelemetry);
  try {
    await server.load(async (probot, options) => {
      app = await startApp(probot, options, {
        store,
        dashboard,
        settings,
        app: settings.app as AppCredentials,
        metrics,
      });
    });
    await startServer(server, settings);
  } catch (error) {
    // The workers and jobs the app started would keep the process alive.
    const started = app as RunningApp | undefined;
    if (started)
      await Promise.race([
        Promise.all(started.work.map((piece) => piece.stop())),
        delay(WORK_DEADLINE_MS, undefined, { ref: false }),
      ]);
    await proxy?.stop();
    await store.close();
    throw error;
  }
  const running = app as RunningApp;
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    // Whatever happens, the process is gone by the deadline.
    setTimeout(() => process.exit(0), SHUTDOWN_DEADLINE_MS).unref();
    void Promise.resolve(proxy?.stop())
      .catch(() => undefined)
      .then(() => stopGracefully(signal, server, running))
      .catch((error: unknown) => running.log.error({ err: error }, `stopping on ${signal} failed`))
      // The last line written out, then no wait for idle connections or timers.
      .then(() => setImmediate(() => process.exit(0)));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
