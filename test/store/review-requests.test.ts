import { afterEach, describe, expect, it } from "vitest";
import type { StoreChange } from "../../src/store/index.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";

const stores: TempStore[] = [];
afterEach(async () => {
  for (const ctx of stores.splice(0)) await ctx.cleanup();
});

const T = Date.parse("2026-11-02T10:00:00Z");

function request(
  at: number,
  kind: "review_requested" | "review_request_removed" = "review_requested",
): StoreChange {
  return {
    kind,
    record: {
      installationId: 1,
      pullRequestId: 7,
      reviewer: "bob",
      reviewerType: "User",
      at,
      by: "alice",
    },
  };
}

async function requestsAfter(changes: StoreChange[]) {
  const ctx = await tempStore();
  stores.push(ctx);
  for (const change of changes) await ctx.store.applyChanges([change]);
  return (await ctx.store.listReviewRequests(1, [7])).map((r) => [
    r.requestedAt - T,
    r.removedAt && r.removedAt - T,
  ]);
}

describe("review requests seen by webhooks and by backfill", () => {
  it("keeps one request when two sources time it a second apart, whatever the order", async () => {
    expect(await requestsAfter([request(T), request(T + 1_000)])).toEqual([[0, null]]);
    expect(await requestsAfter([request(T + 1_000), request(T)])).toEqual([[0, null]]);
  });

  it("keeps a real re-request an hour later as a second request", async () => {
    expect(await requestsAfter([request(T + 3_600_000), request(T)])).toEqual([
      [0, null],
      [3_600_000, null],
    ]);
  });

  it("voids only the request a removal follows", async () => {
    const changes = [
      request(T),
      request(T + 60_000, "review_request_removed"),
      request(T + 3_600_000),
    ];
    expect(await requestsAfter(changes)).toEqual([
      [0, 60_000],
      [3_600_000, null],
    ]);
    expect(await requestsAfter([...changes].reverse())).toEqual([
      [0, 60_000],
      [3_600_000, null],
    ]);
  });
});
