import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { check, releaseVerdicts } from "../../src/cli/check.js";
import { UsageError } from "../../src/cli/usage-error.js";
import { parseConfig } from "../../src/config/index.js";
import { ingestDelivery } from "../../src/ingest/index.js";
import { kodiakChain } from "../helpers/fixtures.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";

const defaults = (() => {
  const result = parseConfig(null);
  if (!result.ok) throw new Error("the defaults are valid");
  return result.config;
})();

describe("expectations check: each open pull request's verdict, from the store", () => {
  let ctx: TempStore;
  beforeEach(async () => {
    ctx = await tempStore();
    for (const delivery of kodiakChain()) await ingestDelivery(ctx.store, delivery);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await ctx.cleanup();
  });

  it.each([
    ["2019-09-27T12:00:00Z", "5 business days left", "success  on track"],
    ["2019-10-02T12:00:00Z", "2 business days left", "success  on track"],
    ["2019-10-05T00:00:00Z", "release date passed", "failure  missed"],
  ])("as of %s", async (now, days, verdict) => {
    const lines = await releaseVerdicts(
      ctx.store,
      { repo: "chdsbd/test_repo" },
      defaults,
      new Date(now),
    );
    expect(lines).toEqual([
      `chdsbd/test_repo · test milestone · due Friday 2019-10-04 (end of day, UTC) · ${days}`,
      `  #9      ${verdict.padEnd(23)} waiting on a merge (approved by sbdchd) · Create main.py`,
    ]);
  });

  it("prints through the command and exits 0", async () => {
    const out = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const code = await check({
      repo: "chdsbd/test_repo",
      milestone: "Test Milestone",
      now: "2019-10-02T12:00:00Z",
      db: ctx.path,
    });
    expect(code).toBe(0);
    expect(String(out.mock.calls[0]?.[0])).toContain("#9      success  on track");
  });

  it("names the milestones it knows when --milestone matches none", async () => {
    await expect(
      releaseVerdicts(
        ctx.store,
        { repo: "chdsbd/test_repo", milestone: "v9" },
        defaults,
        new Date(),
      ),
    ).rejects.toThrow(
      new UsageError(
        '--milestone: no milestone "v9" in chdsbd/test_repo (known: "test milestone")',
      ),
    );
  });

  it("refuses a repository the store does not know", async () => {
    await expect(
      releaseVerdicts(ctx.store, { repo: "acme/nothing" }, defaults, new Date()),
    ).rejects.toThrow("acme/nothing is not in the store: replay or backfill it first");
  });
});
