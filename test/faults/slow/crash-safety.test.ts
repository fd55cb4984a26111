import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { demoStreamCopies } from "../../../bench/demo-deliveries.js";
import { tempDir } from "../../../bench/temp-dir.js";
import { ingestDelivery } from "../../../src/ingest/index.js";
import { openStore } from "../../../src/store/index.js";
import { sqliteIntegrity } from "../../helpers/sqlite-file.js";
import { tempStore } from "../../helpers/temp-store.js";
import { postBurst } from "../support/burst.js";
import { startServerProcess } from "../support/server-process.js";
import { storedDeliveryIds } from "../support/stored-deliveries.js";
import { dumpDifference } from "../support/storm.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("crash safety", () => {
  it("keeps every acknowledged delivery through a SIGKILL mid-burst, and resumes", async () => {
    const dir = tempDir("crash");
    cleanups.push(dir.remove);
    const databasePath = join(dir.path, "expectations.db");
    const deliveries = demoStreamCopies(4_000);

    const first = await startServerProcess(databasePath, dir.path);
    cleanups.push(() => {
      first.child.process.kill("SIGKILL");
    });
    let killed = false;
    const burst = await postBurst(first.url, deliveries, {
      concurrency: 24,
      onAnswer: (answered) => {
        // Mid-way, with two dozen requests in flight and transactions being written.
        if (answered >= 1_500 && !killed) {
          killed = true;
          first.child.process.kill("SIGKILL");
        }
      },
    });
    expect((await first.child.exited).signal).toBe("SIGKILL");
    expect(burst.acknowledged.size).toBeGreaterThanOrEqual(1_400);
    expect(burst.acknowledged.size).toBeLessThan(deliveries.length);
    expect(burst.unanswered).toBeGreaterThan(0);

    // Events and actions the app does not follow are logged by their id alone.
    const probe = await tempStore();
    cleanups.push(probe.cleanup);
    const ignored = new Set<string>();
    for (const delivery of deliveries) {
      if ((await ingestDelivery(probe.store, delivery)).status === "ignored")
        ignored.add(delivery.id);
    }

    const afterCrash = await storedDeliveryIds(databasePath);
    expect(afterCrash.integrity).toBe("ok");
    const lost = [...burst.acknowledged].filter((id) => !afterCrash.ids.has(id));
    expect(lost).toEqual([]);

    // Restarted on the same file, it takes the whole stream again: what it had is a duplicate.
    const second = await startServerProcess(databasePath, dir.path);
    cleanups.push(() => {
      second.child.process.kill("SIGKILL");
    });
    const health = await fetch(`${second.url}/expectations/health`);
    expect(health.status).toBe(200);
    const again = await postBurst(second.url, deliveries, { concurrency: 8 });
    expect(Object.fromEntries(again.statuses)).toEqual({ 200: deliveries.length });
    second.child.process.kill("SIGTERM");
    const { outcomes } = (await second.child.message((m) => "outcomes" in m)) as {
      outcomes: Record<string, number>;
    };
    // What it had is a duplicate, but for what it does not follow (ignored again).
    expect(outcomes.duplicate).toBe([...afterCrash.ids].filter((id) => !ignored.has(id)).length);
    await second.child.exited;

    // And ends exactly where an uninterrupted ingest of the same stream ends.
    expect(sqliteIntegrity(databasePath)).toBe("ok");
    const recovered = await openStore({ path: databasePath });
    cleanups.push(() => recovered.close());
    expect(
      dumpDifference(await probe.store.dumpActivity(), await recovered.dumpActivity()),
    ).toEqual({});
  });
});
