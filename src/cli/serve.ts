import { type Logger, run } from "probot";
import { openStore } from "../store/index.js";
import { noTelemetry } from "../telemetry/index.js";
import { stopOnSignals, stopStartedWork } from "./graceful-shutdown.js";
import { operationsMetrics } from "./operations-metrics.js";
import { operationsSnapshot } from "./operations-snapshot.js";
import { probotServer, startServer } from "./probot-server.js";
import { dashboardSwitch } from "./serve-dashboard.js";
import type { AppCredentials, ServeSettings } from "./serve-settings.js";
import { serverLog } from "./server-log.js";
import { type RunningApp, startApp } from "./start-app.js";
import { webhookProxy } from "./webhook-proxy.js";

/** Probot's setup flow (no APP_ID): it registers the app and writes its settings into .env. */
async function setupFlow(log: Logger): Promise<void> {
  await run(() => undefined, { log });
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
    if (started) await stopStartedWork(started.work);
    await proxy?.stop();
    await store.close();
    throw error;
  }
  stopOnSignals(server, app as RunningApp, () => proxy?.stop());
}
