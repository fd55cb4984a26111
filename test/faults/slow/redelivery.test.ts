import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { readDemoDeliveries } from "../../../bench/demo-deliveries.js";
import { freePort } from "../../../bench/node-child.js";
import {
  BENCH_WEBHOOK_SECRET,
  serverEnvironment,
  throwawayPrivateKey,
} from "../../../bench/signing.js";
import { tempDir } from "../../../bench/temp-dir.js";
import { parseConfig } from "../../../src/config/index.js";
import { buildReviewActivityReport } from "../../../src/flows/index.js";
import { type Delivery, ingestDelivery } from "../../../src/ingest/index.js";
import { openStore, type Store, type StoreLocation } from "../../../src/store/index.js";
import { type DeliveringGitHub, startDeliveringGitHub } from "../../helpers/github/index.js";
import { tempDatabase } from "../../helpers/temp-postgres.js";
import { tempStore } from "../../helpers/temp-store.js";
import { startServe } from "../support/serve-command.js";

const privateKey = throwawayPrivateKey();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A delivery sent a while ago counts as missed, not as still on its way. */
const PAST_IN_FLIGHT_MS = 16_000;
const METRICS_TOKEN = "recovery-metrics-token-0123456789";

const parsed = parseConfig({});
if (!parsed.ok) throw new Error("the defaults do not parse");
const DEFAULTS = parsed.config;

/** Every repository's review-activity report over the whole recording, as JSON. */
async function reports(store: Store): Promise<unknown[]> {
  const out = [];
  for (const installationId of await store.listInstallationIds()) {
    const repositories = await store.listRepositories(installationId);
    for (const repository of repositories)
      out.push(
        await buildReviewActivityReport(store, {
          installationId,
          scope: { kind: "repository", name: repository.fullName },
          repositories: [repository],
          period: {
            since: Date.parse("2018-01-01T00:00:00Z"),
            until: Date.parse("2020-01-01T00:00:00Z"),
          },
          now: Date.parse("2020-01-01T00:00:00Z"),
          config: DEFAULTS,
          publicTarget: false,
        }),
      );
  }
  return out;
}

/** What a clean replay of the whole stream gives. */
async function cleanReplay(deliveries: readonly Delivery[]) {
  const clean = await tempStore();
  cleanups.push(clean.cleanup);
  for (const delivery of deliveries) await ingestDelivery(clean.store, delivery);
  return { reports: await reports(clean.store), activity: await clean.store.dumpActivity() };
}

/** Waits until the store has every delivery, or the time is up; how long it took, or null. */
async function everyDeliveryStored(
  location: StoreLocation,
  ids: readonly string[],
  withinMs: number,
): Promise<number | null> {
  const started = Date.now();
  const store = await openStore(location);
  try {
    while (Date.now() - started < withinMs) {
      if ((await store.knownDeliveryIds(ids)).size === ids.length) return Date.now() - started;
      await sleep(500);
    }
    return null;
  } finally {
    await store.close();
  }
}

async function deliveringGitHub(): Promise<DeliveringGitHub> {
  const github = await startDeliveringGitHub({
    appId: 123,
    appPrivateKey: privateKey,
    webhookSecret: BENCH_WEBHOOK_SECRET,
  });
  cleanups.push(() => github.stop());
  return github;
}

/** Sends deliveries as GitHub does, a few at a time. */
async function sendAll(github: DeliveringGitHub, deliveries: readonly Delivery[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < deliveries.length) {
      const delivery = deliveries[next++] as Delivery;
      await github.send({ name: delivery.name, payload: delivery.payload, guid: delivery.id });
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

function thirds<T>(items: readonly T[]): [T[], T[], T[]] {
  const a = Math.floor(items.length / 3);
  return [items.slice(0, a), items.slice(a, 2 * a), items.slice(2 * a)];
}

describe("a complete record through a crash", () => {
  it("recovers what GitHub sent while the only server was SIGKILLed, within a minute of its restart", async () => {
    const dir = tempDir("redelivery");
    cleanups.push(dir.remove);
    const databasePath = join(dir.path, "expectations.db");
    const github = await deliveringGitHub();
    const port = await freePort();
    const serve = async () => {
      const child = startServe(
        {
          ...serverEnvironment({ port, databasePath, privateKey }),
          GHE_HOST: github.host,
          GHE_PROTOCOL: "http",
        },
        dir.path,
      );
      cleanups.push(() => {
        child.process.kill("SIGKILL");
      });
      expect(await child.listening()).toBe(true);
      return child;
    };
    const deliveries = readDemoDeliveries();
    const [before, during, after] = thirds(deliveries);
    github.target = `http://127.0.0.1:${port}`;

    const first = await serve();
    await sendAll(github, before);
    first.process.kill("SIGKILL");
    await first.exited;
    // Down for the middle third: GitHub's attempts fail (it does not retry them).
    await sendAll(github, during);
    await sleep(PAST_IN_FLIGHT_MS);
    const failed = github.attempts.filter((a) => a.status_code === 0);
    expect(failed.map((a) => a.guid).sort()).toEqual(during.map((d) => d.id).sort());

    await serve();
    const restarted = Date.now();
    await sendAll(github, after);
    const took = await everyDeliveryStored(
      { path: databasePath },
      deliveries.map((d) => d.id),
      60_000 - (Date.now() - restarted),
    );
    expect(took, "every delivery in the store within a minute of the restart").not.toBeNull();
    // Each missed one asked for once, nothing the store had.
    const asked = github.redeliveriesAsked().map((id) => github.guidOf(id));
    expect(asked.sort()).toEqual(during.map((d) => d.id).sort());
    // No METRICS_TOKEN: there are no metrics to see.
    expect((await fetch(`http://127.0.0.1:${port}/expectations/metrics`)).status).toBe(404);

    const recovered = await openStore({ path: databasePath });
    cleanups.push(() => recovered.close());
    const clean = await cleanReplay(deliveries);
    expect(await reports(recovered)).toEqual(clean.reports);
    expect(await recovered.dumpActivity()).toEqual(clean.activity);
  });

  it("with two replicas on PostgreSQL, one killed: every delivery back, none redelivered twice", async () => {
    const dir = tempDir("redelivery-replicas");
    cleanups.push(dir.remove);
    const database = await tempDatabase();
    cleanups.push(database.drop);
    const github = await deliveringGitHub();
    const ports = [await freePort(), await freePort()] as const;
    const alive = [false, false];
    const replica = async (i: 0 | 1) => {
      const child = startServe(
        {
          ...serverEnvironment({ port: ports[i], databasePath: "unused.db", privateKey }),
          DATABASE_URL: database.url,
          GHE_HOST: github.host,
          GHE_PROTOCOL: "http",
          REDELIVERY_INTERVAL: "30s",
          METRICS_TOKEN,
        },
        dir.path,
      );
      cleanups.push(() => {
        child.process.kill("SIGKILL");
      });
      expect(await child.listening()).toBe(true);
      alive[i] = true;
      return child;
    };
    const deliveries = readDemoDeliveries();
    const replicaOf = new Map(deliveries.map((d, i) => [d.id, i % 2]));
    // A load balancer without health checks for first attempts; redeliveries go to a live one.
    github.target = ({ guid, redelivery }) => {
      const i = redelivery ? alive.indexOf(true) : (replicaOf.get(guid) ?? 0);
      return i < 0 ? null : `http://127.0.0.1:${ports[i]}`;
    };
    const [before, during, after] = thirds(deliveries);

    const a = await replica(0);
    await replica(1);
    await sendAll(github, before);
    a.process.kill("SIGKILL");
    await a.exited;
    alive[0] = false;
    await sendAll(github, during);
    const failed = github.attempts.filter((attempt) => attempt.status_code === 0);
    expect(failed.length).toBe(during.filter((d) => replicaOf.get(d.id) === 0).length);
    await sleep(PAST_IN_FLIGHT_MS);

    await replica(0);
    const restarted = Date.now();
    await sendAll(github, after);
    const took = await everyDeliveryStored(
      { url: database.url },
      deliveries.map((d) => d.id),
      60_000 - (Date.now() - restarted),
    );
    expect(took, "every delivery in the store within a minute").not.toBeNull();
    const asked = github.redeliveriesAsked().map((id) => github.guidOf(id));
    expect(new Set(asked).size, "no delivery redelivered twice").toBe(asked.length);
    expect(asked.sort()).toEqual(failed.map((attempt) => attempt.guid).sort());

    // The metrics say what was asked and recovered, to whoever has the token.
    const metrics = async (port: number, authorization?: string) =>
      fetch(`http://127.0.0.1:${port}/expectations/metrics`, {
        headers: authorization ? { authorization } : {},
      });
    expect((await metrics(ports[1])).status).toBe(401);
    const text = await Promise.all(
      ports.map(async (port) => (await metrics(port, `Bearer ${METRICS_TOKEN}`)).text()),
    );
    const total = (outcome: string) =>
      text
        .flatMap((t) => t.split("\n"))
        .filter((line) => line.startsWith(`expectations_redeliveries_total{outcome="${outcome}"}`))
        .reduce((sum, line) => sum + Number(line.split(" ").at(-1)), 0);
    expect(total("asked")).toBe(failed.length);

    const store = await openStore({ url: database.url });
    cleanups.push(() => store.close());
    const clean = await cleanReplay(deliveries);
    expect(await reports(store)).toEqual(clean.reports);
  });
});
