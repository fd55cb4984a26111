import { createHmac, generateKeyPairSync } from "node:crypto";
import { createServer } from "node:net";
import { type Logger, pino } from "pino";
import { Probot, ProbotOctokit, Server } from "probot";
import {
  DEFAULT_WEBHOOK_PATH,
  type ExpectationsAppOptions,
  expectationsApp,
} from "../../src/app.js";
import { probotWebhookPath, type WebhookLimits } from "../../src/webhooks/index.js";

export const WEBHOOK_SECRET = "test-webhook-secret";
export const APP_ID = 123;

/** A throwaway RSA key: the app authenticates as itself with it (against nock, never GitHub). */
export const TEST_PRIVATE_KEY = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
}).privateKey;

/**
 * The app's Octokit for tests: no retries, and no throttling even under Probot, which hands the
 * Octokit it is given its own throttling options (writes paced a second apart).
 */
export const TestOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  retry: { enabled: false },
  ...options,
  throttle: { enabled: false },
})) as typeof ProbotOctokit;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/**
 * The real Probot server (the one `expectations serve` runs) on an ephemeral loopback port, or
 * the given one, deliveries answered by the app's own route; `baseUrl` points the app's Octokit
 * at a simulated GitHub Enterprise Server.
 */
export async function startServer(
  /** The app's options, or made from the server's Probot (a publish queue connects through it). */
  options: ExpectationsAppOptions | ((probot: Probot) => ExpectationsAppOptions),
  server: { port?: number; baseUrl?: string; log?: Logger; limits?: Partial<WebhookLimits> } = {},
): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = server.port ?? (await freePort());
  const log = server.log ?? pino({ level: "silent" });
  const probot = new Server({
    host: "127.0.0.1",
    port,
    log,
    // As `expectations serve` does: Probot's middleware never answers a delivery.
    webhookPath: probotWebhookPath(DEFAULT_WEBHOOK_PATH),
    Probot: Probot.defaults({
      appId: APP_ID,
      privateKey: TEST_PRIVATE_KEY,
      secret: WEBHOOK_SECRET,
      Octokit: TestOctokit,
      log,
      ...(server.baseUrl ? { baseUrl: server.baseUrl } : {}),
    }),
  });
  await probot.load((app, loadOptions) =>
    expectationsApp({
      webhooks: {
        secret: WEBHOOK_SECRET,
        ...(server.limits ? { limits: server.limits } : {}),
      },
      ...(typeof options === "function" ? options(app) : options),
    })(app, loadOptions),
  );
  await probot.start();
  return { url: `http://127.0.0.1:${port}`, stop: () => probot.stop() };
}

export function sign(body: string, secret = WEBHOOK_SECRET): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** Posts a delivery to the webhook path the way GitHub does. */
export async function postDelivery(
  url: string,
  delivery: { name: string; id: string; body: string; signature?: string },
): Promise<Response> {
  return fetch(`${url}/api/github/webhooks`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": delivery.name,
      "x-github-delivery": delivery.id,
      "x-hub-signature-256": delivery.signature ?? sign(delivery.body),
    },
    body: delivery.body,
  });
}
