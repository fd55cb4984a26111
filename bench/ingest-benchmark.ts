import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { type Delivery, ingestDelivery, normalizeDelivery } from "../src/ingest/index.js";
import { openStore, type Store } from "../src/store/index.js";
import { type BenchResult, median, progress, round } from "./bench-result.js";
import { demoStreamCopies, readDemoDeliveries } from "./demo-deliveries.js";
import { tempDir } from "./temp-dir.js";

interface WireDelivery {
  name: string;
  id: string;
  /** The body as it arrives: handlers start from the text, so parsing is part of the cost. */
  body: string;
  receivedAt: number;
}

type Pass = (store: Store, deliveries: WireDelivery[]) => Promise<void>;

/** What every delivery costs at least: parse the body, then one transaction with one row. */
const floorPass: Pass = async (store, deliveries) => {
  for (const delivery of deliveries) {
    const payload = JSON.parse(delivery.body) as {
      action?: string;
      installation?: { id: number };
      repository?: { id: number };
    };
    await store.applyDelivery(
      {
        deliveryId: delivery.id,
        installationId: payload.installation?.id ?? null,
        repositoryId: payload.repository?.id ?? null,
        event: delivery.name,
        action: payload.action ?? null,
        receivedAt: delivery.receivedAt,
      },
      [],
    );
  }
};

/** What the server does with each delivery: parse, normalise, write its records in one transaction. */
const ingestPass: Pass = async (store, deliveries) => {
  for (const delivery of deliveries) {
    await ingestDelivery(store, {
      name: delivery.name,
      id: delivery.id,
      payload: JSON.parse(delivery.body),
      receivedAt: delivery.receivedAt,
    });
  }
};

/** Deliveries per second of one pass into a fresh SQLite file. */
async function timePass(pass: Pass, deliveries: WireDelivery[], dir: string, label: string) {
  const store = await openStore({ path: join(dir, `${label}.db`) });
  try {
    globalThis.gc?.();
    const started = performance.now();
    await pass(store, deliveries);
    const seconds = (performance.now() - started) / 1000;
    return deliveries.length / seconds;
  } finally {
    await store.close();
  }
}

/** Microseconds per delivery of each step on its own: where an ingest's time goes. */
async function stages(deliveries: WireDelivery[], dir: string) {
  const perDelivery = (ms: number) => round((ms * 1000) / deliveries.length, 1);
  globalThis.gc?.();
  let started = performance.now();
  const parsed = deliveries.map((d) => ({
    name: d.name,
    id: d.id,
    payload: JSON.parse(d.body) as unknown,
    receivedAt: d.receivedAt,
  }));
  const parse = performance.now() - started;
  started = performance.now();
  const normalized = parsed.map((d) => normalizeDelivery(d));
  const normalize = performance.now() - started;
  const store = await openStore({ path: join(dir, "stages.db") });
  try {
    started = performance.now();
    for (const n of normalized) if (!n.ignored) await store.applyDelivery(n.delivery, n.changes);
    const write = performance.now() - started;
    return {
      parseJson: perDelivery(parse),
      normalize: perDelivery(normalize),
      writeTransaction: perDelivery(write),
    };
  } finally {
    await store.close();
  }
}

export async function ingestBenchmark(options: { quick: boolean }): Promise<BenchResult[]> {
  const demo = readDemoDeliveries();
  const count = options.quick ? 3_420 : 10_260;
  const rounds = options.quick ? 1 : 3;
  const toWire = (d: Delivery): WireDelivery => ({
    name: d.name,
    id: d.id,
    body: JSON.stringify(d.payload),
    receivedAt: d.receivedAt,
  });
  const deliveries = demoStreamCopies(count, demo).map(toWire);
  const warmup = demo.map(toWire);
  const averageBytes =
    deliveries.reduce((sum, d) => sum + Buffer.byteLength(d.body), 0) / deliveries.length;
  const dir = tempDir("ingest");
  try {
    // Let the JIT see both paths before anything is timed.
    await timePass(floorPass, warmup, dir.path, "warmup-floor");
    await timePass(ingestPass, warmup, dir.path, "warmup-ingest");
    const floor: number[] = [];
    const ingest: number[] = [];
    for (let round = 0; round < rounds; round++) {
      progress(`ingest round ${round + 1}/${rounds}: ${deliveries.length} deliveries`);
      floor.push(await timePass(floorPass, deliveries, dir.path, `floor-${round}`));
      ingest.push(await timePass(ingestPass, deliveries, dir.path, `ingest-${round}`));
    }
    const stageCosts = await stages(deliveries, dir.path);
    const value = median(ingest);
    const baseline = median(floor);
    return [
      {
        name: "ingest.throughput",
        value: round(value, 0),
        unit: "deliveries/s",
        baseline: round(baseline, 0),
        ratio: round(value / baseline, 3),
        target: ">= 5000 deliveries/s",
        params: {
          deliveries: deliveries.length,
          rounds,
          statistic: "median of rounds",
          mix: "fixtures/demo/deliveries.jsonl payloads, copies under new installation ids",
          averageBodyBytes: Math.round(averageBytes),
          baselineIs: "JSON.parse of the body + one transaction inserting the delivery row",
          sqlite: "file in the system temp dir, WAL, synchronous=NORMAL",
          microsecondsPerDeliveryByStep: stageCosts,
          roundsDeliveriesPerSecond: {
            ingest: ingest.map((v) => round(v, 0)),
            floor: floor.map((v) => round(v, 0)),
          },
        },
      },
    ];
  } finally {
    dir.remove();
  }
}
