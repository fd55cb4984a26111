import { describe, expect, it } from "vitest";
import {
  ASK_AGAIN_AFTER_MS,
  type ListedDelivery,
  MOST_ASKS,
  planRedeliveries,
  type RedeliveryPlanInput,
  SUBSCRIBED_EVENTS,
} from "../../src/recovery/index.js";
import type { RedeliveryRequest } from "../../src/store/index.js";

const NOW = Date.parse("2026-11-27T12:00:00Z");
const min = (n: number) => NOW - n * 60_000;

let nextId = 1;
function attempt(guid: string, overrides: Partial<ListedDelivery> = {}): ListedDelivery {
  return {
    id: nextId++,
    guid,
    deliveredAt: min(30),
    redelivery: false,
    status: "failed to connect to host",
    statusCode: 0,
    event: "pull_request",
    action: "opened",
    installationId: 42,
    repositoryId: 7,
    ...overrides,
  };
}

function request(guid: string, overrides: Partial<RedeliveryRequest> = {}): RedeliveryRequest {
  return {
    guid,
    installationId: 42,
    repositoryId: 7,
    event: "pull_request",
    githubDeliveryId: 1,
    deliveredAt: min(30),
    askedAt: min(20),
    asks: 1,
    state: "asked",
    settledAt: null,
    ...overrides,
  };
}

function plan(overrides: Partial<RedeliveryPlanInput>) {
  return planRedeliveries({
    listed: [],
    known: new Set(),
    requests: new Map(),
    removals: [],
    events: SUBSCRIBED_EVENTS,
    budget: 100,
    now: NOW,
    ...overrides,
  });
}

const guids = (events: { guid: string }[]) => events.map((e) => e.guid);

describe("which deliveries to ask GitHub for again", () => {
  it("asks for every event the store lacks, whatever GitHub's status says, and for none it has", () => {
    const result = plan({
      listed: [
        attempt("failed"),
        attempt("answered-202", { status: "Accepted", statusCode: 202 }),
        attempt("answered-500", { status: "Invalid HTTP Response: 500", statusCode: 500 }),
        attempt("stored", { status: "OK", statusCode: 200 }),
        attempt("kept-as-failed", { status: "OK", statusCode: 200 }),
      ],
      known: new Set(["stored", "kept-as-failed"]),
    });
    expect(guids(result.ask).sort()).toEqual(["answered-202", "answered-500", "failed"]);
    expect(result.skipped).toMatchObject({ known: 2 });
  });

  it("asks once per event, for its latest attempt, oldest event first", () => {
    const first = attempt("tried-thrice", { deliveredAt: min(50) });
    const second = attempt("tried-thrice", { deliveredAt: min(40), redelivery: true });
    const third = attempt("tried-thrice", { deliveredAt: min(35), redelivery: true });
    const newer = attempt("once", { deliveredAt: min(45) });
    const result = plan({ listed: [third, newer, first, second] });
    expect(result.ask.map((e) => [e.guid, e.attempt.id, e.deliveredAt])).toEqual([
      ["tried-thrice", third.id, min(50)],
      ["once", newer.id, min(45)],
    ]);
  });

  it("leaves out events the app does not subscribe to", () => {
    const result = plan({
      listed: [attempt("a", { event: "star" }), attempt("b", { event: "push", action: null })],
    });
    expect(guids(result.ask)).toEqual(["b"]);
    expect(result.skipped.unsubscribed).toBe(1);
  });

  it("never asks for what was sent before its installation or repository was removed", () => {
    const result = plan({
      listed: [
        attempt("uninstalled", { installationId: 1, deliveredAt: min(50) }),
        attempt("reinstalled", { installationId: 1, deliveredAt: min(5) }),
        attempt("removed-repo", { installationId: 2, repositoryId: 20, deliveredAt: min(50) }),
        attempt("other-repo", { installationId: 2, repositoryId: 21, deliveredAt: min(50) }),
      ],
      removals: [
        { installationId: 1, repositoryId: 0, removedAt: min(10) },
        { installationId: 2, repositoryId: 20, removedAt: min(10) },
      ],
    });
    expect(guids(result.ask)).toEqual(["other-repo", "reinstalled"]);
    expect(result.skipped.removed).toBe(2);
  });

  it("waits for an event asked for a little while ago, asks again later, and gives up after the last try", () => {
    const result = plan({
      listed: [
        attempt("recent"),
        attempt("due-again"),
        attempt("asked-enough"),
        attempt("refused"),
      ],
      requests: new Map([
        ["recent", request("recent", { askedAt: NOW - ASK_AGAIN_AFTER_MS + 1 })],
        ["due-again", request("due-again", { askedAt: NOW - ASK_AGAIN_AFTER_MS })],
        [
          "asked-enough",
          request("asked-enough", { asks: MOST_ASKS, askedAt: NOW - ASK_AGAIN_AFTER_MS }),
        ],
        ["refused", request("refused", { state: "refused", settledAt: min(19) })],
      ]),
    });
    expect(guids(result.awaited)).toEqual(["recent"]);
    expect(guids(result.ask)).toEqual(["due-again"]);
    expect(result.ask[0]?.request?.asks).toBe(1);
    expect(guids(result.givenUp)).toEqual(["asked-enough"]);
    expect(result.skipped.settled).toBe(1);
  });

  it("asks for no more than the budget; the rest is the next run's, oldest first", () => {
    const listed = [5, 4, 3, 2, 1].map((n) => attempt(`e${n}`, { deliveredAt: min(n) }));
    const result = plan({ listed, budget: 2 });
    expect(guids(result.ask)).toEqual(["e5", "e4"]);
    expect(guids(result.deferred)).toEqual(["e3", "e2", "e1"]);
    expect(plan({ listed, budget: 0 }).ask).toEqual([]);
  });
});
