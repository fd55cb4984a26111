import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/index.js";
import { runPublishQueueBatch } from "../../src/flows/index.js";
import { ingestDelivery } from "../../src/ingest/index.js";
import { kodiakChain } from "../helpers/fixtures.js";
import { loggerCalling } from "../helpers/logger-calling.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";

const NOW = Date.parse("2019-10-02T12:00:00Z");

/** GitHub refusing every write, as Octokit reports it once its own retries are spent. */
function refusingTarget() {
  const refusal = Object.assign(new Error("Service Unavailable"), {
    name: "HttpError",
    status: 503,
    request: { method: "POST", url: "https://api.github.com/repos/chdsbd/test_repo/check-runs" },
  });
  return {
    send: async () => {
      throw refusal;
    },
    read: async () => ({ total_count: 0, check_runs: [] }),
  };
}

describe("a publication that fails", () => {
  let ctx: TempStore;
  let logged: { level: string; details: Record<string, unknown>; message: string }[];
  const log = loggerCalling({
    warn: (details: object, message: string) =>
      logged.push({ level: "warn", details: details as Record<string, unknown>, message }),
    error: (details: object, message: string) =>
      logged.push({ level: "error", details: details as Record<string, unknown>, message }),
  });

  beforeEach(async () => {
    ctx = await tempStore();
    logged = [];
    for (const delivery of kodiakChain()) await ingestDelivery(ctx.store, delivery);
  });
  afterEach(() => ctx.cleanup());

  it("is logged at its first failure, naming the repository, the reason and when it is tried again", async () => {
    const loaded = parseConfig(null);
    await runPublishQueueBatch({
      store: ctx.store,
      connect: async () => ({ target: refusingTarget(), loadConfig: async () => loaded }),
      webUrl: "https://github.com",
      log,
      owner: "test",
      now: NOW,
      leaseMs: 60_000,
      batch: 20,
    });
    expect(logged).toHaveLength(1);
    expect(logged[0]?.level).toBe("warn");
    expect(logged[0]?.message).toBe(
      "release readiness of chdsbd/test_repo not published (GitHub answered 503 to POST /repos/chdsbd/test_repo/check-runs; try again in a few minutes): attempt 1 of 10, retrying in 10 s (after 10 the daily run publishes it)",
    );
  });
});
