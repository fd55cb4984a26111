import { describe, expect, it } from "vitest";
import { type AppResponse, GitHubBusyError, sendPolitely } from "../../src/recovery/index.js";

const NOW = new Date("2026-11-27T12:00:00Z");

function reply(status: number, headers: Record<string, string> = {}): AppResponse {
  return { status, body: {}, header: (name) => headers[name] ?? null };
}

/** Sends the replies in order; records the waits asked for. */
function github(...replies: AppResponse[]) {
  const sleeps: number[] = [];
  let sent = 0;
  return {
    sleeps,
    sent: () => sent,
    send: async () => {
      const next = replies[Math.min(sent, replies.length - 1)] as AppResponse;
      sent += 1;
      return next;
    },
    options: {
      clock: () => NOW,
      sleep: async (ms: number) => {
        sleeps.push(ms);
      },
      maxWaitMs: 5 * 60_000,
    },
  };
}

describe("asking GitHub politely", () => {
  it("waits the retry-after GitHub sends with a 429 or a secondary limit's 403, then asks again", async () => {
    const fake = github(
      reply(429, { "retry-after": "3" }),
      reply(403, { "retry-after": "7" }),
      reply(202),
    );
    expect((await sendPolitely(fake.send, fake.options)).status).toBe(202);
    expect(fake.sleeps).toEqual([3_000, 7_000]);
    expect(fake.sent()).toBe(3);
  });

  it("waits until x-ratelimit-reset (and a second) when none are left", async () => {
    const reset = String(NOW.getTime() / 1000 + 90);
    const fake = github(
      reply(403, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset }),
      reply(202),
    );
    await sendPolitely(fake.send, fake.options);
    expect(fake.sleeps).toEqual([91_000]);
  });

  it("takes a 403 that is no rate limit as the answer, without waiting", async () => {
    const fake = github(reply(403, { "x-ratelimit-remaining": "4000" }));
    expect((await sendPolitely(fake.send, fake.options)).status).toBe(403);
    expect(fake.sleeps).toEqual([]);
  });

  it("gives up with GitHubBusyError when asked to wait too long, or again and again", async () => {
    const long = github(reply(429, { "retry-after": "3600" }));
    await expect(sendPolitely(long.send, long.options)).rejects.toThrow(GitHubBusyError);
    expect(long.sleeps).toEqual([]);
    const again = github(reply(429, { "retry-after": "1" }));
    await expect(sendPolitely(again.send, { ...again.options, retries: 2 })).rejects.toThrow(
      "GitHub's rate limit asks to wait until 2026-11-27T12:00:01.000Z",
    );
    expect(again.sleeps).toEqual([1_000, 1_000]);
    expect(again.sent()).toBe(3);
  });
});
