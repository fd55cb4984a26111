import { hostname } from "node:os";
import type { ApplicationFunctionOptions, Logger, Probot } from "probot";
import { expectationsApp } from "../app.js";
import type { BackfillGitHub } from "../backfill/index.js";
import {
  backfillOnInstall,
  catchUpInBackground,
  codeOwnersReaction,
  openDowntimeGaps,
  publishQueueWorkers,
  rememberSettings,
} from "../flows/index.js";
import { appConnector, githubWebUrl } from "../github/index.js";
import { startHeartbeat } from "../schedule/index.js";
import type { Store } from "../store/index.js";
import { noTelemetry } from "../telemetry/index.js";
import type { DashboardSwitch } from "../web/index.js";
import { startBackgroundJobs } from "./background-jobs.js";
import { type RunningWork, stoppableWork } from "./graceful-shutdown.js";
import { inFlightWork } from "./in-flight-work.js";
import { deliveryObserver, type OperationsMetrics } from "./operations-metrics.js";
import { startDashboard } from "./serve-dashboard.js";
import type { AppCredentials, ServeSettings } from "./serve-settings.js";

export interface RunningApp extends RunningWork {
  /** The scheduled jobs' names (their lag is a metric). */
  jobs: string[];
}

/**
 * Down since the last heartbeat of any replica: each installation's record has a gap until
 * recovery closes it, and the log says so.
 */
async function openGapsOfDowntime(store: Store, log: Logger): Promise<void> {
  const downtime = await openDowntimeGaps(store, Date.now());
  const [down] = downtime;
  if (down)
    log.warn(
      {
        from: new Date(down.startsAt).toISOString(),
        to: new Date(down.endsAt).toISOString(),
        installations: downtime.length,
      },
      "no replica was running for a while: what GitHub sent meanwhile is being recovered",
    );
}

/**
 * The imports that run in the background: history for new installations and repositories, and
 * the gaps redelivery cannot close, caught up by backfill.
 */
function backgroundImports(probot: Probot, store: Store, settings: ServeSettings, owner: string) {
  const connect = async (installationId: number) =>
    (await probot.auth(installationId)) as unknown as BackfillGitHub;
  const backfills = backfillOnInstall({
    store,
    owner,
    connect,
    log: probot.log,
    ...(settings.backfillDays ? { days: settings.backfillDays } : {}),
    ...(settings.backfillConcurrency ? { concurrency: settings.backfillConcurrency } : {}),
  });
  const catchUps = catchUpInBackground({
    store,
    connect,
    owner: `${owner}:catch-up`,
    log: probot.log,
  });
  return { backfills, catchUps };
}

/** The app with its store, reactions and scheduled jobs. */
export async function startApp(
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
  const { log } = probot;
  const telemetry = metrics?.telemetry ?? noTelemetry;
  const owner = `${hostname()}:${process.pid}`;
  const webUrl = githubWebUrl(process.env);
  // Release checks link to the milestone's dashboard page when there is one to open.
  const dashboardUrl = dashboard.on ? (dashboard.settings.publicUrl ?? undefined) : undefined;
  const { backfills, catchUps } = backgroundImports(probot, store, settings, owner);
  await openGapsOfDowntime(store, log);
  const stopHeartbeat = startHeartbeat(store, {
    onError: (error) => log.error({ err: error }, "heartbeat not written"),
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
    log,
    owner,
    telemetry,
  });
  const deliveries = inFlightWork();
  const { figures, routes } = startDashboard(store, dashboard, settings, log);
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
    routes: [...(metrics ? [metrics.route] : []), ...routes],
  })(probot, options);
  publishing.start();
  const jobs = startBackgroundJobs({
    store,
    probot,
    settings,
    telemetry,
    log,
    owner,
    webUrl,
    dashboardUrl,
    connect,
    catchUps,
    resumeImports: backfills.resumeUnfinished,
  });
  const work = stoppableWork({
    deliveries,
    publishing,
    stopScheduler: jobs.stop,
    backfills,
    catchUps,
    stopHeartbeat,
    figures,
  });
  return { store, log, deliveries, work, jobs: jobs.names };
}
