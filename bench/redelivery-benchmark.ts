import { join } from "node:path";
import { Probot, ProbotOctokit } from "probot";
import { recoverMissedDeliveries } from "../src/flows/index.js";
import { appJwt } from "../src/github/index.js";
import { ingestDelivery } from "../src/ingest/index.js";
import { appRequest, hookDeliveries, SUBSCRIBED_EVENTS } from "../src/recovery/index.js";
import { openStore } from "../src/store/index.js";
import { startDeliveringGitHub } from "../test/helpers/github/delivering-github.js";
import { type BenchResult, progress } from "./bench-result.js";
import { demoStreamCopies } from "./demo-deliveries.js";
import { BENCH_WEBHOOK_SECRET, throwawayPrivateKey } from "./signing.js";
import { tempDir } from "./temp-dir.js";

const OUTAGE = 1_000;
const BEFORE = 500;
const AFTER = 200;
const APP_ID = 123;

/**
 * GitHub requests of one recovery run after an outage of 1,000 deliveries, against the delivering
 * GitHub of the tests: the App's deliveries listed back to the watermark (500 the store has before the
 * outage, 200 after it), and one redelivery request per missing delivery; nothing for what the
 * store has. Then a run with nothing missing.
 */
export async function redeliveryBenchmark(_options: { quick: boolean }): Promise<BenchResult[]> {
  const dir = tempDir("redelivery");
  const privateKey = throwawayPrivateKey();
  const github = await startDeliveringGitHub({
    appId: APP_ID,
    appPrivateKey: privateKey,
    webhookSecret: BENCH_WEBHOOK_SECRET,
  });
  const store = await openStore({ path: join(dir.path, "redelivery.db") });
  try {
    const stream = demoStreamCopies(BEFORE + OUTAGE + AFTER);
    const outage = new Set(stream.slice(BEFORE, BEFORE + OUTAGE).map((d) => d.id));
    await store.writeMark("redelivery-watermark", Date.now() - 60_000);
    progress(`redelivery: ${stream.length} deliveries, ${OUTAGE} of them missed`);
    for (const delivery of stream) {
      const event = { name: delivery.name, payload: delivery.payload, guid: delivery.id };
      // Missed: GitHub could not reach the app. Otherwise recorded, and answered 200.
      if (outage.has(delivery.id)) await github.send(event);
      else {
        await ingestDelivery(store, delivery);
        github.recordAnswered(event, 200);
      }
    }
    const probot = new Probot({
      appId: APP_ID,
      privateKey,
      Octokit: ProbotOctokit.defaults({ throttle: { enabled: false } }),
      baseUrl: github.apiUrl,
    });
    const deliveries = hookDeliveries(
      appRequest({ baseUrl: github.apiUrl, token: () => appJwt(probot) }),
      { clock: () => new Date(), sleep: async () => undefined, maxWaitMs: 60_000 },
    );
    const recover = async () => {
      const before = github.requests.length;
      const started = performance.now();
      const run = await recoverMissedDeliveries({
        store,
        deliveries,
        events: SUBSCRIBED_EVENTS,
        // Past the seconds a delivery may still be on its way.
        now: new Date(Date.now() + 60_000),
        clock: () => new Date(),
      });
      const requests = github.requests.slice(before);
      return {
        run,
        ms: Math.round(performance.now() - started),
        pages: requests.filter((r) => r.startsWith("GET /api/v3/app/hook/deliveries")).length,
        posts: requests.filter((r) => r.startsWith("POST /api/v3/app/hook/deliveries/")).length,
        total: requests.length,
      };
    };
    progress("redelivery: the recovery run");
    const first = await recover();
    await github.settled();
    // GitHub's redeliveries arrive (the app took them): the next run finds nothing missing.
    for (const delivery of stream)
      if (outage.has(delivery.id)) await ingestDelivery(store, delivery);
    const second = await recover();
    // Every attempt GitHub lists at the first run: the stream, each delivery once.
    const listed = stream.length;
    return [
      {
        name: "api.redelivery.requests",
        value: first.total,
        unit: "GitHub requests per recovery run",
        target: `list pages (${Math.ceil(listed / 100)}) + one request per missing delivery (${OUTAGE})`,
        params: {
          outage: OUTAGE,
          storedBefore: BEFORE,
          storedAfter: AFTER,
          listedAttempts: first.run.listed,
          listPages: first.pages,
          redeliveryRequests: first.posts,
          asked: first.run.asked,
          runMs: first.ms,
          met: first.pages === Math.ceil(listed / 100) && first.posts === OUTAGE,
        },
      },
      {
        name: "api.redelivery.requests_nothing_missing",
        value: second.total,
        unit: "GitHub requests per recovery run",
        // Back to the oldest delivery asked for (the whole stream here: it was sent within seconds).
        target: "list pages only, no redelivery request",
        params: {
          listPages: second.pages,
          redeliveryRequests: second.posts,
          recovered: second.run.recovered,
          runMs: second.ms,
        },
      },
    ];
  } finally {
    await store.close();
    await github.stop();
    dir.remove();
  }
}
