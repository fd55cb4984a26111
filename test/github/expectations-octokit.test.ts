import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectationsOctokit } from "../../src/github/index.js";

const API = "https://api.github.com";
const body = { name: "Release readiness", head_sha: "abc" };

function client(timeoutMs: number) {
  const Octokit = expectationsOctokit(timeoutMs);
  return new Octokit({
    auth: { token: "test-token" },
    retry: { retryAfterBaseValue: 1 },
    // What Probot's run() passes: log a secondary rate limit and give up.
    throttle: { onSecondaryRateLimit: () => false },
  });
}

describe("the server's Octokit", () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    nock.cleanAll();
  });

  it("waits out a secondary rate limit as GitHub asks, then sends once more", async () => {
    const github = nock(API)
      .post("/repos/o/r/check-runs")
      .reply(403, { message: "You have exceeded a secondary rate limit." }, { "retry-after": "1" })
      .post("/repos/o/r/check-runs")
      .reply(201, { id: 7 });
    const started = Date.now();
    const response = await client(5_000).request("POST /repos/o/r/check-runs", body);
    expect(response.data).toEqual({ id: 7 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(github.isDone()).toBe(true);
  });

  it("gives up on a request that hangs, and the retry gets its own deadline", async () => {
    const github = nock(API)
      .get("/repos/o/r/issues")
      .delay(2_000)
      .reply(200, [])
      .get("/repos/o/r/issues")
      .reply(200, [{ number: 3 }]);
    const response = await client(200).request("GET /repos/o/r/issues");
    expect(response.data).toEqual([{ number: 3 }]);
    expect(github.isDone()).toBe(true);
  });

  it("logs each attempt that fails when it fails, not when the retries give up", async () => {
    const warnings: string[] = [];
    const log = {
      debug: () => {},
      info: () => {},
      warn: (message: string) => warnings.push(message),
      error: () => {},
    };
    const Octokit = expectationsOctokit(200);
    const octokit = new Octokit({
      auth: { token: "test-token" },
      log,
      retry: { retryAfterBaseValue: 1 },
    });
    nock(API)
      .get("/repos/o/r/issues")
      .query(true)
      .delay(2_000)
      .reply(200, [])
      .get("/repos/o/r/issues")
      .query(true)
      .reply(502, { message: "Bad Gateway" })
      .get("/repos/o/r/issues")
      .query(true)
      .reply(200, [{ number: 3 }]);
    const response = await octokit.request("GET /repos/o/r/issues", { per_page: 5 });
    expect(response.data).toEqual([{ number: 3 }]);
    expect(warnings).toEqual([
      "GitHub did not answer GET /repos/o/r/issues (no answer within 0.2 s)",
      "GitHub answered 502 to GET /repos/o/r/issues",
    ]);
  });
});
