import type { Logger } from "probot";
import { SettingError } from "../settings/index.js";
import { resolveStoreLocation, type Store } from "../store/index.js";
import {
  type DashboardFigures,
  type DashboardSwitch,
  dashboardFigures,
  dashboardHandler,
  dashboardSettings,
} from "../web/index.js";
import type { HttpRoute } from "../webhooks/index.js";
import type { ServeSettings } from "./serve-settings.js";

/** Whether the server shows the dashboard; a misconfigured one is a setting to fix. */
export function dashboardSwitch(): DashboardSwitch {
  try {
    return dashboardSettings(process.env);
  } catch (error) {
    throw new SettingError((error as Error).message);
  }
}

/**
 * The dashboard's pages when it is on, and the worker threads that compute its figures, each
 * reading the same store; nothing when it is off.
 */
export function startDashboard(
  store: Store,
  dashboard: DashboardSwitch,
  settings: ServeSettings,
  log: Logger,
): { figures: DashboardFigures | undefined; routes: HttpRoute[] } {
  if (!dashboard.on) return { figures: undefined, routes: [] };
  const figures = dashboardFigures({
    store,
    location: resolveStoreLocation({}, process.env),
    log,
    ...(settings.dashboardWorkers ? { workers: settings.dashboardWorkers } : {}),
  });
  return {
    figures,
    routes: [dashboardHandler({ store, figures, settings: dashboard.settings, log })],
  };
}
