import type { Logger } from "probot";
import { SettingError } from "../settings/index.js";

/** How long the channel gets to answer before the start is given up. */
const CONNECT_TIMEOUT_MS = 10_000;

export interface WebhookProxy {
  stop(): Promise<void>;
}

/**
 * Takes deliveries from a smee.io channel (`WEBHOOK_PROXY_URL`, for development, when GitHub
 * cannot reach this machine) and posts each to `target`, the server's webhook path, as Probot
 * does. smee-client is an optional dependency: missing, or a channel that does not answer, is a
 * setting to fix, before the server starts.
 */
export async function webhookProxy(
  url: string,
  target: string,
  log: Logger,
): Promise<WebhookProxy> {
  let SmeeClient: typeof import("smee-client").SmeeClient;
  try {
    ({ SmeeClient } = await import("smee-client"));
  } catch {
    throw new SettingError(
      "WEBHOOK_PROXY_URL is set, but smee-client is not installed (an optional dependency: npm install smee-client@5); install it or unset WEBHOOK_PROXY_URL",
    );
  }
  const client = new SmeeClient({
    source: url,
    target,
    maxConnectionTimeout: CONNECT_TIMEOUT_MS,
    logger: {
      info: (message: unknown) => log.info(`webhook proxy: ${String(message)}`),
      error: (message: unknown, cause?: unknown) =>
        log.warn(
          `webhook proxy: ${String(message)}${cause instanceof Error ? ` (${cause.message})` : ""}`,
        ),
    },
  });
  try {
    await client.start();
  } catch (error) {
    await client.stop();
    const e = error as { message?: string; code?: string };
    throw new SettingError(
      `WEBHOOK_PROXY_URL: deliveries cannot be taken from ${url} (${e.message || e.code || "no connection"}); check the channel, or unset it`,
    );
  }
  return client;
}
