import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { backfill } from "../../src/cli/backfill.js";
import { check } from "../../src/cli/check.js";
import { replay } from "../../src/cli/replay.js";
import { report } from "../../src/cli/report.js";
import { reportFailure } from "../../src/cli/report-failure.js";
import { UsageError } from "../../src/cli/usage-error.js";
import { ingestDelivery } from "../../src/ingest/index.js";
import { readDeliveryStream } from "../helpers/fixtures.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";

/** The exit code and the one line a person reads, as `expectations` would print them. */
async function failure(run: () => Promise<unknown>): Promise<{ code: number; line: string }> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsageError);
  let line = "";
  const stderr = new PassThrough().on("data", (chunk) => {
    line += String(chunk);
  });
  return { code: await reportFailure(error, stderr, false), line: line.trim() };
}

describe("strict command-line input", () => {
  let ctx: TempStore;
  const dir = mkdtempSync(join(tmpdir(), "expectations-strict-"));
  let stdout = "";
  let stderr = "";

  beforeAll(async () => {
    ctx = await tempStore();
    for (const delivery of readDeliveryStream("demo/deliveries.jsonl"))
      if (delivery.receivedAt < Date.parse("2019-10-01T00:00:00Z"))
        await ingestDelivery(ctx.store, delivery);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    stdout = "";
    stderr = "";
  });
  afterAll(async () => {
    await ctx.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  function capture() {
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      stdout += String(chunk);
      return true;
    });
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      stderr += String(chunk);
      return true;
    });
  }

  it.each([
    [
      "--since",
      { since: "2019-02-30" },
      '--since: "2019-02-30" is not a date on the calendar (2019-02-30)',
    ],
    ["--since", { since: "07/01/2019" }, '--since: "07/01/2019" is not an ISO 8601 date'],
    ["--until", { until: "July 1, 2019" }, '--until: "July 1, 2019" is not an ISO 8601 date'],
    [
      "--now",
      { now: "2019-10-01T25:00:00Z" },
      '--now: "2019-10-01T25:00:00Z" is not a time of day',
    ],
  ])(
    "report %s: a date that is not ISO 8601 or not on the calendar is a usage error",
    async (_, dates, message) => {
      const { code, line } = await failure(() =>
        report({ repo: "panjf2000/ants", db: ctx.path, ...dates }),
      );
      expect(code).toBe(2);
      expect(line).toContain(`expectations: ${message}`);
    },
  );

  it.each([
    ["check --now", () => check({ repo: "chdsbd/test_repo", db: ctx.path, now: "2019-02-30" })],
    ["replay --now", () => replay([], { db: join(dir, "replay.db"), now: "2019-02-30" })],
    [
      "backfill --since",
      () =>
        backfill(
          { repo: "acme/widgets", since: "2019-02-30", db: join(dir, "backfill.db") },
          {
            env: {},
            stdout: new PassThrough(),
            stderr: new PassThrough(),
            clock: () => new Date("2026-01-01T00:00:00Z"),
            sleep: async () => {},
            onInterrupt: () => () => {},
          },
        ),
    ],
  ])("%s reads dates with the same parser, before creating anything", async (command, run) => {
    const option = command.split(" ")[1];
    expect((await failure(run)).line).toBe(
      `expectations: ${option}: "2019-02-30" is not a date on the calendar (2019-02-30)`,
    );
    expect(existsSync(join(dir, "replay.db"))).toBe(false);
    expect(existsSync(join(dir, "backfill.db"))).toBe(false);
  });

  it("a date without offset is in the team's time zone from --config, and stderr says so", async () => {
    const config = join(dir, "berlin.yml");
    writeFileSync(config, "timezone: Europe/Berlin\n");
    capture();
    const code = await report({
      repo: "panjf2000/ants",
      db: ctx.path,
      config,
      since: "2019-07-01",
      until: "2019-10-01T00:00:00Z",
      format: "json",
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).period).toMatchObject({
      since: "2019-06-30T22:00:00.000Z",
      until: "2019-10-01T00:00:00.000Z",
    });
    expect(stderr).toBe(
      `expectations: --since 2019-07-01 is 2019-06-30T22:00:00.000Z: the start of that day in Europe/Berlin (timezone in ${config})\n`,
    );
  });

  it("without --config the zone is UTC, and stderr says how to set the team's", async () => {
    capture();
    await check({ repo: "chdsbd/test_repo", db: ctx.path, now: "2019-10-02T12:00" });
    expect(stderr).toBe(
      "expectations: --now 2019-10-02T12:00 is 2019-10-02T12:00:00.000Z: that wall-clock time in UTC (the default; --config sets the team's)\n",
    );
    expect(stdout).toContain("#9      success  on track");
  });

  it.each([
    ["report", (db: string) => report({ repo: "panjf2000/ants", db })],
    ["check", (db: string) => check({ repo: "chdsbd/test_repo", db })],
  ])(
    "%s refuses a --db that does not exist, and creates neither it nor its folder",
    async (_, run) => {
      const missing = join(dir, "nested", "none.db");
      const { code, line } = await failure(() => run(missing));
      expect(code).toBe(2);
      expect(line).toBe(
        `expectations: --db: ${missing} does not exist: give --db the file that replay or backfill wrote`,
      );
      expect(existsSync(join(dir, "nested"))).toBe(false);
    },
  );

  it("report refuses a missing DATABASE_PATH too, when there is no --db", async () => {
    const missing = join(dir, "elsewhere", "expectations.db");
    vi.stubEnv("DATABASE_PATH", missing);
    const { line } = await failure(() => report({ repo: "panjf2000/ants" }));
    expect(line).toBe(
      `expectations: the database ${missing} does not exist: give --db the file that replay or backfill wrote`,
    );
    expect(existsSync(join(dir, "elsewhere"))).toBe(false);
  });

  it.each([
    ["report", (config: string) => report({ repo: "panjf2000/ants", db: ctx.path, config })],
    ["check", (config: string) => check({ repo: "chdsbd/test_repo", db: ctx.path, config })],
    ["replay", (config: string) => replay([], { db: join(dir, "r.db"), config })],
  ])("%s: --config must name an existing file, never silently the defaults", async (_, run) => {
    const missing = join(dir, "typo.yml");
    const { code, line } = await failure(() => run(missing));
    expect(code).toBe(2);
    expect(line).toBe(
      `expectations: --config: ${missing} is not a file (give the path of an expectations.yml)`,
    );
  });
});
