/**
 * The webhook server the http benchmark and the fault tests start as a child process: Probot's
 * own `run()` (as `expectations serve` uses it, configured by the same environment variables)
 * with either the expectations app or a bare app whose handler does nothing.
 *
 *   node dist/bench/webhook-server.js full|bare
 *
 * Prints `{"benchServer":{"ready":true,"pid"}}` once it listens and, on SIGTERM,
 * `{"benchServer":{"outcomes":{...}}}` with how many deliveries each ingest outcome had.
 */
import type { ApplicationFunction } from "probot";
import { run } from "probot";
import { expectationsApp } from "../src/app.js";
import { openStore } from "../src/store/index.js";

const mode = process.argv[2];
if (mode !== "full" && mode !== "bare") {
  process.stderr.write("usage: node dist/bench/webhook-server.js full|bare\n");
  process.exit(2);
}

const outcomes: Record<string, number> = {};
const store = mode === "full" ? await openStore() : undefined;
const app: ApplicationFunction = store
  ? expectationsApp({
      store,
      reactions: [
        async ({ outcome }) => {
          outcomes[outcome.status] = (outcomes[outcome.status] ?? 0) + 1;
        },
      ],
    })
  : (probot) => {
      probot.onAny(async () => {});
    };

const server = await run(app);
const say = (value: unknown) => process.stdout.write(`${JSON.stringify({ benchServer: value })}\n`);
say({ ready: true, pid: process.pid });

process.on("SIGTERM", async () => {
  await server.stop();
  await store?.close();
  say({ outcomes });
  process.exit(0);
});
