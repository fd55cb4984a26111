import { describe, expect, it } from "vitest";
import { createBackfillQueue, type QueuedBackfill } from "../../src/backfill/backfill-queue.js";

const job = (installationId: number, repositoryId: number): QueuedBackfill => ({
  installationId,
  repositoryId,
  fullName: `org${installationId}/repo${repositoryId}`,
});

/** A run that waits until the test lets it finish, and says whether it was asked to stop. */
function controlledRuns() {
  const open = new Map<string, () => void>();
  const stoppedSeen = new Map<string, boolean>();
  let running = 0;
  let most = 0;
  return {
    run: async (j: QueuedBackfill, stopped: () => boolean) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => open.set(j.fullName, resolve));
      stoppedSeen.set(j.fullName, stopped());
      running -= 1;
    },
    finish: async (name: string) => {
      open.get(name)?.();
      await new Promise((r) => setImmediate(r));
    },
    started: () => [...open.keys()],
    stoppedSeen,
    most: () => most,
  };
}

describe("the background backfill queue", () => {
  it("runs at most `concurrency` repositories at a time, in the order they came", async () => {
    const runs = controlledRuns();
    const queue = createBackfillQueue({ concurrency: 2, run: runs.run });
    for (let r = 1; r <= 5; r++) queue.add(job(1, r));
    expect(runs.started()).toEqual(["org1/repo1", "org1/repo2"]);
    await runs.finish("org1/repo1");
    expect(runs.started()).toEqual(["org1/repo1", "org1/repo2", "org1/repo3"]);
    for (const name of ["org1/repo2", "org1/repo3", "org1/repo4", "org1/repo5"])
      await runs.finish(name);
    await queue.idle();
    expect(runs.most()).toBe(2);
  });

  it("does not queue a repository twice", async () => {
    const runs = controlledRuns();
    const queue = createBackfillQueue({ concurrency: 1, run: runs.run });
    expect(queue.add(job(1, 1))).toBe(true);
    expect(queue.add(job(1, 2))).toBe(true);
    expect(queue.add(job(1, 1))).toBe(false);
    expect(queue.add(job(1, 2))).toBe(false);
    expect(queue.add(job(2, 1))).toBe(true);
  });

  it("drops queued work and stops running work of a removed installation or repository", async () => {
    const runs = controlledRuns();
    const queue = createBackfillQueue({ concurrency: 2, run: runs.run });
    queue.add(job(1, 1));
    queue.add(job(2, 1));
    queue.add(job(1, 2));
    queue.add(job(1, 3));
    queue.cancel(1, [1, 2]);
    await runs.finish("org1/repo1");
    await runs.finish("org2/repo1");
    expect(runs.stoppedSeen.get("org1/repo1")).toBe(true);
    expect(runs.stoppedSeen.get("org2/repo1")).toBe(false);
    // org1/repo2 was dropped before it started; org1/repo3 runs.
    expect(runs.started()).toEqual(["org1/repo1", "org2/repo1", "org1/repo3"]);
    await runs.finish("org1/repo3");
    await queue.idle();
  });

  it("on shutdown drops what is queued, asks what runs to stop after its page, and waits for it", async () => {
    const runs = controlledRuns();
    const queue = createBackfillQueue({ concurrency: 2, run: runs.run });
    for (let r = 1; r <= 4; r++) queue.add(job(1, r));
    let stopped = false;
    const stopping = queue.stop().then(() => {
      stopped = true;
    });
    await runs.finish("org1/repo1");
    expect(stopped).toBe(false);
    await runs.finish("org1/repo2");
    await stopping;
    expect([...runs.stoppedSeen]).toEqual([
      ["org1/repo1", true],
      ["org1/repo2", true],
    ]);
    expect(runs.started()).toEqual(["org1/repo1", "org1/repo2"]);
  });
});
