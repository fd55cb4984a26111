import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { demoStreamCopies } from "../../../bench/demo-deliveries.js";
import { freePort } from "../../../bench/node-child.js";
import { postSigned } from "../../../bench/post-signed.js";
import { serverEnvironment, throwawayPrivateKey } from "../../../bench/signing.js";
import { tempDir } from "../../../bench/temp-dir.js";
import { type Delivery, ingestDelivery } from "../../../src/ingest/index.js";
import { openStore } from "../../../src/store/index.js";
import { startFakeGitHub } from "../../helpers/github/index.js";
import { tempDatabase } from "../../helpers/temp-postgres.js";
import { tempStore } from "../../helpers/temp-store.js";
import { type ServeProcess, startServe } from "../support/serve-command.js";

const privateKey = throwawayPrivateKey();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A deterministic coin (mulberry32), so a failing run can be reproduced. */
function coin(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("two replicas on one PostgreSQL", () => {
  it("store every delivery once, publish one check run per head and one issue per milestone, and lose nothing when one is killed mid-burst", async () => {
    const dir = tempDir("replicas");
    cleanups.push(dir.remove);
    const database = await tempDatabase();
    cleanups.push(database.drop);
    const github = await startFakeGitHub({ latencyMs: 5 });
    cleanups.push(github.stop);

    const children: ServeProcess[] = [];
    const replica = async (port: number) => {
      const child = startServe(
        {
          ...serverEnvironment({ port, databasePath: "unused.db", privateKey, logLevel: "warn" }),
          DATABASE_URL: database.url,
          GHE_HOST: github.host,
          GHE_PROTOCOL: "http",
        },
        dir.path,
      );
      children.push(child);
      cleanups.push(() => {
        child.process.kill("SIGKILL");
      });
      expect(await child.listening()).toBe(true);
      return child;
    };
    const ports = [await freePort(), await freePort()] as const;
    const servers = [await replica(ports[0]), await replica(ports[1])];

    // Three organisations' worth of the recorded stream; each delivery to one replica, 30% of
    // them redelivered (same id) to the other.
    const deliveries = demoStreamCopies(1_000);
    const random = coin(11);
    const sends = deliveries.flatMap((delivery, i) => {
      const first = i % 2;
      const again = random() < 0.3 ? [{ delivery, to: 1 - first }] : [];
      return [{ delivery, to: first }, ...again];
    });
    const acknowledged = new Set<string>();
    const unanswered: Delivery[] = [];
    let next = 0;
    let killed = false;
    const worker = async () => {
      while (next < sends.length) {
        const { delivery, to } = sends[next++] as (typeof sends)[number];
        // Replica 0 dies with SIGKILL a third of the way through.
        if (!killed && next >= sends.length / 3) {
          killed = true;
          servers[0]?.process.kill("SIGKILL");
        }
        const status = await postSigned((servers[to] as ServeProcess).url, delivery);
        if (status !== null && status >= 200 && status < 300) acknowledged.add(delivery.id);
        else unanswered.push(delivery);
      }
    };
    await Promise.all(Array.from({ length: 12 }, worker));
    expect(killed).toBe(true);
    expect(unanswered.length).toBeGreaterThan(0);

    // Started again on its port; GitHub redelivers what got no 2xx.
    servers[0] = await replica(ports[0]);
    for (const delivery of unanswered) {
      const status = await postSigned((servers[0] as ServeProcess).url, delivery);
      if (status !== null && status >= 200 && status < 300) acknowledged.add(delivery.id);
    }
    expect(acknowledged.size).toBe(deliveries.length);

    const store = await openStore({ url: database.url });
    cleanups.push(() => store.close());
    // The queue is worked off, what the killed replica had claimed too once its lease ran out.
    const deadline = Date.now() + 180_000;
    while ((await store.listPublishWork()).length > 0 && Date.now() < deadline) await sleep(500);
    expect(await store.listPublishWork()).toEqual([]);

    // Every delivery answered 2xx is logged once (those the app ignores by their id alone).
    const { deliveries: logged } = await store.dumpDeliveryLog();
    const loggedIds = logged.map((d) => d.deliveryId);
    expect(new Set(loggedIds).size).toBe(loggedIds.length);
    expect(new Set(loggedIds)).toEqual(acknowledged);

    // The rows equal one SQLite replay of the same stream.
    const single = await tempStore();
    cleanups.push(single.cleanup);
    for (const delivery of deliveries) await ingestDelivery(single.store, delivery);
    expect(await store.dumpActivity()).toEqual(await single.store.dumpActivity());

    // GitHub got one check run per pull request head (and check), one issue per milestone.
    const created = github.writes.filter((w) => w.method === "POST");
    const runs = new Map<string, number>();
    for (const w of created.filter((w) => w.path.endsWith("/check-runs"))) {
      const key = `${w.installation} ${w.path} ${w.body.head_sha} ${w.body.name}`;
      runs.set(key, (runs.get(key) ?? 0) + 1);
    }
    expect(runs.size).toBeGreaterThan(0);
    expect([...runs].filter(([, count]) => count !== 1)).toEqual([]);
    const issues = new Map<string, number>();
    for (const w of created.filter((w) => w.path.endsWith("/issues"))) {
      const key = `${w.installation} ${w.path} ${w.body.title}`;
      issues.set(key, (issues.get(key) ?? 0) + 1);
    }
    expect(issues.size).toBeGreaterThan(0);
    expect([...issues].filter(([, count]) => count !== 1)).toEqual([]);
  });
});
