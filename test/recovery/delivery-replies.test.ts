import { describe, expect, it } from "vitest";
import { GitHubReplyError } from "../../src/backfill/index.js";
import {
  type AppResponse,
  DeliveriesUnavailableError,
  hookDeliveries,
  nextCursor,
  parseDeliveryPage,
} from "../../src/recovery/index.js";

/** An item exactly as GitHub's REST description shows it (`hook-delivery-item`). */
const ITEM = {
  id: 12345678,
  guid: "0b989ba4-242f-11e5-81e1-c7b6966d2516",
  delivered_at: "2019-06-03T00:57:16Z",
  redelivery: false,
  duration: 0.27,
  status: "OK",
  status_code: 200,
  event: "issues",
  action: "opened",
  installation_id: 123,
  repository_id: 456,
  throttled_at: "2019-06-03T00:57:16Z",
};

describe("GitHub's list of the App's deliveries, checked at the edge", () => {
  it("reads an item as the REST description gives it", () => {
    expect(parseDeliveryPage([ITEM, { ...ITEM, action: null, installation_id: null }])).toEqual([
      {
        id: 12345678,
        guid: ITEM.guid,
        deliveredAt: Date.parse(ITEM.delivered_at),
        redelivery: false,
        status: "OK",
        statusCode: 200,
        event: "issues",
        action: "opened",
        installationId: 123,
        repositoryId: 456,
      },
      expect.objectContaining({ action: null, installationId: null }),
    ]);
  });

  it.each([
    ["a page that is not a list", { message: "Server Error" }, "(reply)"],
    ["an id that is a string", [{ ...ITEM, id: "12345678" }], "[0].id"],
    ["no guid", [{ ...ITEM, guid: undefined }], "[0].guid"],
    ["an empty guid", [{ ...ITEM, guid: "" }], "[0].guid"],
    ["a time that cannot be read", [{ ...ITEM, delivered_at: "yesterday" }], "[0].delivered_at"],
    ["redelivery not a boolean", [{ ...ITEM, redelivery: "false" }], "[0].redelivery"],
    ["a status code that is not a number", [{ ...ITEM, status_code: "200" }], "[0].status_code"],
    ["no event", [{ ...ITEM, event: null }], "[0].event"],
    [
      "an installation id that is text",
      [{ ...ITEM, installation_id: "123" }],
      "[0].installation_id",
    ],
    ["a negative repository id", [{ ...ITEM, repository_id: -4 }], "[0].repository_id"],
    ["a fractional id", [{ ...ITEM, id: 1.5 }], "[0].id"],
    ["an id past 2^53", [{ ...ITEM, id: 2 ** 60 }], "[0].id"],
    ["more than a page", Array.from({ length: 101 }, () => ITEM), "(reply)"],
  ])("refuses %s, naming the field", (_what, body, field) => {
    expect(() => parseDeliveryPage(body)).toThrow(GitHubReplyError);
    expect(() => parseDeliveryPage(body)).toThrow(`does not fit at ${field}`);
  });

  it("follows the next page's cursor from the Link header, and stops on the last page", () => {
    expect(
      nextCursor(
        '<https://api.github.com/app/hook/deliveries?per_page=100&cursor=v1_17>; rel="next", <https://api.github.com/app/hook/deliveries?per_page=100>; rel="prev"',
      ),
    ).toBe("v1_17");
    expect(
      nextCursor('<https://api.github.com/app/hook/deliveries?per_page=100>; rel="prev"'),
    ).toBe(null);
    expect(nextCursor(null)).toBe(null);
    expect(() =>
      nextCursor('<https://api.github.com/app/hook/deliveries?per_page=100>; rel="next"'),
    ).toThrow(GitHubReplyError);
  });

  const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    (async (): Promise<AppResponse> => ({
      status,
      body,
      header: (name) => headers[name] ?? null,
    }))();
  const client = (respond: () => Promise<AppResponse>) =>
    hookDeliveries(async () => respond(), {
      clock: () => new Date(),
      sleep: async () => undefined,
      maxWaitMs: 60_000,
    });

  it("says an Enterprise Server without the list has none, and fails on any other refusal", async () => {
    await expect(
      client(() => answer(404, { message: "Not Found" })).listPage(null, 100),
    ).rejects.toThrow(DeliveriesUnavailableError);
    await expect(
      client(() => answer(401, { message: "A JSON web token could not be decoded" })).listPage(
        null,
        100,
      ),
    ).rejects.toThrow(
      "GitHub answered 401 to GET /app/hook/deliveries (A JSON web token could not be decoded)",
    );
  });

  it("tells a refused redelivery from one GitHub could not take just now", async () => {
    expect(await client(() => answer(202, {})).redeliver(1)).toEqual({ outcome: "accepted" });
    expect(await client(() => answer(422, { message: "Validation Failed" })).redeliver(1)).toEqual({
      outcome: "refused",
      status: 422,
      message: "Validation Failed",
    });
    expect(await client(() => answer(502, null)).redeliver(1)).toEqual({
      outcome: "failed",
      message: "GitHub answered 502",
    });
    expect(await client(() => Promise.reject(new Error("fetch failed"))).redeliver(1)).toEqual({
      outcome: "failed",
      message: "fetch failed",
    });
  });
});
