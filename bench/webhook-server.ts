/**
 * The webhook server the http benchmark and the fault tests start as a child process: Probot's
 * own `run()` (as `expectations serve` uses it, configured by the same environment variables)
 * with either the expectations app (on its own webhook route), the app with its publish workers
 * (publishing release readiness to GHE_HOST), or a bare app whose handler does nothing.
 *
 *   node dist/bench/webhook-server.js full|publishing|bare
 *
 * Prints `{"benchServer":{"ready":true,"pid"}}` once it listens and, on SIGTERM,
 * `{"benchServer":{"outcomes":{...}}}` with how many deliveries each ingest outcome had.
 */
import type { ApplicationFunction } from "probot";
import { run } from "probot";
import { DEFAULT_WEBHOOK_PATH, expectationsApp } from "../src/app.js";
import { type PublishQueueWorkers, publishQueueWorkers } from "../src/flows/index.js";
import { appConnector, githubWebUrl } from "../src/github/index.js";
import { openStore } from "../src/store/index.js";
import { probotWebhookPath } from "../src/webhooks/index.js";

const mode = process.argv[2];
if (mode !== "full" && mode !== "publishing" && mode !== "bare") {
  process.stderr.write("usage: node dist/bench/webhook-server.js full|publishing|bare\n");
  process.exit(2);
}

const outcomes: Record<string, number> = {};
const store = mode === "bare" ? undefined : await openStore();
let queue: PublishQueueWorkers | undefined;
const app: ApplicationFunction = store
  ? (probot, options) => {
      if (mode === "publishing") {
        queue = publishQueueWorkers({
          store,
          connect: appConnector(probot),
          webUrl: githubWebUrl(process.env),
          owner: `bench:${process.pid}`,
        });
        queue.start();
      }
      return expectationsApp({
        store,
        webhooks: { secret: process.env.WEBHOOK_SECRET ?? "" },
        reactions: [
          ...(queue ? [queue.reaction] : []),
          async ({ outcome }) => {
            outcomes[outcome.status] = (outcomes[outcome.status] ?? 0) + 1;
          },
        ],
      })(probot, options);
    }
  : (probot) => {
      probot.onAny(async () => {});
    };

// The app answers deliveries on its own route, as `expectations serve` does; the bare app is
// Probot's middleware and nothing else.
const server = await run(app, {
  env: store
    ? { ...process.env, WEBHOOK_PATH: probotWebhookPath(DEFAULT_WEBHOOK_PATH) }
    : process.env,
});
const say = (value: unknown) => process.stdout.write(`${JSON.stringify({ benchServer: value })}\n`);
say({ ready: true, pid: process.pid });

process.on("SIGTERM", async () => {
  await server.stop();
  await queue?.stop();
  await store?.close();
  say({ outcomes });
  process.exit(0);
});
