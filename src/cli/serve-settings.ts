import { DEFAULT_WEBHOOK_PATH } from "../app.js";
import {
  appPrivateKey,
  durationSetting,
  integerSetting,
  SettingError,
  type SettingsEnv,
  secretSetting,
} from "../settings/index.js";

/** The GitHub App's credentials; absent, `serve` runs Probot's setup flow instead. */
export interface AppCredentials {
  appId: number;
  privateKey: string;
  webhookSecret: string;
}

/** What `expectations serve` runs with, every value checked before anything starts. */
export interface ServeSettings {
  app: AppCredentials | null;
  host: string;
  port: number;
  /** Where GitHub posts deliveries. */
  webhookPath: string;
  /** A smee.io channel deliveries are taken from (development). */
  webhookProxyUrl: string | undefined;
  failedDeliveryRetentionDays: number | undefined;
  backfillDays: number | undefined;
  backfillConcurrency: number | undefined;
  dashboardWorkers: number | undefined;
  /** How often GitHub's list of deliveries is read for what the store lacks. */
  redeliveryIntervalMs: number | undefined;
  /** The bearer token of `/expectations/metrics`; without it there are no metrics. */
  metricsToken: string | undefined;
}

/**
 * The app's credentials from the settings: none without APP_ID (Probot's setup flow registers
 * the app), else APP_ID, a private key that reads as one, and WEBHOOK_SECRET, or a
 * `SettingError` naming what is wrong.
 */
function appCredentials(env: SettingsEnv, cwd: string): AppCredentials | null {
  const appId = integerSetting(env, "APP_ID");
  if (appId === undefined) {
    // Probot refuses its setup flow in production.
    if (env.NODE_ENV === "production")
      throw new SettingError(
        "APP_ID is not set: with NODE_ENV=production the server needs the app's settings (run it once without NODE_ENV to register the app with Probot's setup flow)",
      );
    return null;
  }
  const privateKey = appPrivateKey(env, cwd);
  if (privateKey === null)
    throw new SettingError(
      "PRIVATE_KEY is not set: set it (or PRIVATE_KEY_PATH) to the app's private key, from the app's settings page (Private keys)",
    );
  // Without it Probot verifies deliveries with its public default secret, so anyone could forge them.
  // Probot's public default `development` is refused as well.
  const webhookSecret = env.WEBHOOK_SECRET?.trim();
  if (!webhookSecret || webhookSecret === "development")
    throw new SettingError(
      `WEBHOOK_SECRET is ${webhookSecret ? "Probot's public default, development" : "not set"}: set it to the webhook secret of the GitHub App (its settings on GitHub, Webhook secret) so that only GitHub's deliveries are accepted`,
    );
  return { appId, privateKey, webhookSecret };
}

/** The path deliveries are posted to: Probot's default unless WEBHOOK_PATH names another. */
function webhookPath(env: SettingsEnv): string {
  const path = env.WEBHOOK_PATH?.trim() || DEFAULT_WEBHOOK_PATH;
  if (!path.startsWith("/") || /[?#\s]/.test(path))
    throw new SettingError(
      `WEBHOOK_PATH: ${JSON.stringify(path)} is not a path; set it to one such as ${DEFAULT_WEBHOOK_PATH}`,
    );
  return path;
}

/** The server's settings, read and checked at once, so that a bad one stops it before it starts. */
export function serveSettings(env: SettingsEnv, cwd: string): ServeSettings {
  return {
    app: appCredentials(env, cwd),
    host: env.HOST?.trim() || "localhost",
    port: integerSetting(env, "PORT") ?? 3000,
    webhookPath: webhookPath(env),
    webhookProxyUrl: env.WEBHOOK_PROXY_URL?.trim() || undefined,
    failedDeliveryRetentionDays: integerSetting(env, "FAILED_DELIVERY_RETENTION_DAYS"),
    backfillDays: integerSetting(env, "BACKFILL_DAYS"),
    backfillConcurrency: integerSetting(env, "BACKFILL_CONCURRENCY"),
    dashboardWorkers: integerSetting(env, "DASHBOARD_WORKERS"),
    redeliveryIntervalMs: durationSetting(env, "REDELIVERY_INTERVAL"),
    metricsToken: secretSetting(env, "METRICS_TOKEN"),
  };
}
