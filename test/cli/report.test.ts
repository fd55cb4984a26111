import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { report } from "../../src/cli/report.js";
import { UsageError } from "../../src/cli/usage-error.js";
import { ingestDelivery } from "../../src/ingest/index.js";
import { readDeliveryStream } from "../helpers/fixtures.js";
import { fakeGitHub } from "../helpers/github/index.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";

const PERIOD = { since: "2019-07-01", until: "2019-10-01" };

describe("expectations report", () => {
  let ctx: TempStore;
  let stdout = "";

  beforeAll(async () => {
    ctx = await tempStore();
    for (const delivery of readDeliveryStream("demo/deliveries.jsonl")) {
      if (delivery.receivedAt < Date.parse("2019-10-01T00:00:00Z"))
        await ingestDelivery(ctx.store, delivery);
    }
    nock.disableNetConnect();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    nock.cleanAll();
    stdout = "";
  });
  afterAll(() => ctx.cleanup());

  function captureStdout() {
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      stdout += String(chunk);
      return true;
    });
  }

  it("prints the JSON the issue promises, from the store alone", async () => {
    captureStdout();
    const code = await report({ repo: "panjf2000/ants", ...PERIOD, format: "json", db: ctx.path });
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.repository).toBe("panjf2000/ants");
    expect(json.period).toMatchObject({
      since: "2019-07-01T00:00:00.000Z",
      until: "2019-10-01T00:00:00.000Z",
    });
    expect(json.pull_requests).toMatchObject({
      opened: { value: 5, unit: "count" },
      merged: { value: 5, unit: "count" },
      open: { value: 0, unit: "count" },
    });
    const count = { value: expect.any(Number), unit: "count" };
    expect(json.people[0]).toEqual(
      expect.objectContaining({
        login: expect.any(String),
        reviews: count,
        prs_reviewed: count,
        requests_received: count,
        requests_answered: count,
      }),
    );
  });

  it("posts the period's summary issue with a GITHUB_TOKEN, once", async () => {
    vi.stubEnv("GITHUB_TOKEN", "test-token");
    vi.stubEnv("GHE_HOST", "");
    vi.stubEnv("GITHUB_API_URL", "");
    const github = fakeGitHub();
    captureStdout();
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const code = await report({
      repo: "panjf2000/ants",
      ...PERIOD,
      post: true,
      db: ctx.path,
      now: "2019-10-01T09:00:00Z",
    });
    expect(code).toBe(0);
    expect(github.writes.map((w) => `${w.method} ${w.path}`)).toEqual([
      "POST /repos/panjf2000/ants/issues",
    ]);
    expect(github.issues.map((issue) => issue.title)).toEqual([
      "Review activity: panjf2000/ants 1 July – 30 September 2019",
    ]);
    expect(github.issues[0]?.body).toContain("<!-- probot-expectations:");
    expect(github.count("GET issues")).toBe(2);
  });

  it("says which repository it does not know, as a usage error", async () => {
    await expect(report({ repo: "acme/nowhere", ...PERIOD, db: ctx.path })).rejects.toThrow(
      UsageError,
    );
  });
});
