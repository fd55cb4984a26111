import { type Logger, Probot, Server } from "probot";
import { apiBaseUrl, expectationsOctokit } from "../github/index.js";
import { SettingError } from "../settings/index.js";
import type { Telemetry } from "../telemetry/index.js";
import { probotWebhookPath } from "../webhooks/index.js";
import type { AppCredentials, ServeSettings } from "./serve-settings.js";

/**
 * The app's Probot server, as Probot's own `run` builds it, from settings already checked; but
 * Probot's webhook middleware goes where no request reaches: the app's own route answers
 * deliveries (bounded, and 2xx only once committed).
 */
export function probotServer(
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

/** Starts the server; a port in use is a setting to fix. */
export async function startServer(server: Server, settings: ServeSettings): Promise<void> {
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
