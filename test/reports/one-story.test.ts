import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { load as parseYaml } from "js-yaml";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { replay } from "../../src/cli/replay.js";
import { report } from "../../src/cli/report.js";
import { type ExpectationsConfig, parseConfig } from "../../src/config/index.js";
import { ingestDelivery } from "../../src/ingest/index.js";
import type { ReviewActivityReport } from "../../src/reports/index.js";
import { renderTeam } from "../../src/web/render-team.js";
import { FIXTURES, readDeliveryStream } from "../helpers/fixtures.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";

// What the issue's reader ran: `npm run demo`, then the report with the demo's config
// (Asia/Shanghai) for 2019 Q3, trends included.
const NOW = "2019-10-01T12:00:00Z";
const CONFIG = join(FIXTURES, "demo/expectations.yml");
const QUARTER = { since: "2019-07-01", until: "2019-10-01" };
// A week in which one PR got a comment review and no approval, then was merged.
const COMMENTED_WEEK = { since: "2019-08-19", until: "2019-08-26" };

/** The demo's settings file, as the dashboard reads it. */
function demoConfig(): ExpectationsConfig {
  const loaded = parseConfig(parseYaml(readFileSync(CONFIG, "utf8")));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return loaded.config;
}

/** One line of a markdown table or list that contains `text`. */
function lineWith(markdown: string, text: string): string {
  const line = markdown.split("\n").find((l) => l.includes(text));
  if (line === undefined) throw new Error(`no line with "${text}"`);
  return line;
}

/** The cells of a markdown table row. */
const cells = (row: string) =>
  row
    .split("|")
    .slice(1, -1)
    .map((cell) => cell.trim());

describe("one report tells one story (the demo, issue 20)", () => {
  let ctx: TempStore;
  let stderr = "";

  beforeAll(async () => {
    ctx = await tempStore();
    for (const delivery of readDeliveryStream("demo/deliveries.jsonl"))
      if (delivery.receivedAt <= Date.parse(NOW)) await ingestDelivery(ctx.store, delivery);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    stderr = "";
  });
  afterAll(() => ctx.cleanup());

  /** Runs `expectations report` on the demo; stdout is returned, stderr kept in `stderr`. */
  async function run(options: Parameters<typeof report>[0]): Promise<string> {
    const printed = { stdout: "", stderr: "" };
    for (const name of ["stdout", "stderr"] as const)
      vi.spyOn(process[name], "write").mockImplementation((chunk) => {
        printed[name] += String(chunk);
        return true;
      });
    const code = await report({
      repo: "panjf2000/ants",
      config: CONFIG,
      db: ctx.path,
      now: NOW,
      ...options,
    });
    vi.restoreAllMocks();
    expect(code).toBe(0);
    stderr = printed.stderr;
    return printed.stdout;
  }

  it("members who reviewed: not measured in the verdict, the section, the trend row and the period table alike", async () => {
    const markdown = await run(QUARTER);
    const verdict = cells(lineWith(markdown, "| Members who reviewed a PR |"));
    expect(verdict[2]).toBe("fewer than 2 team members known");
    expect(verdict[4]).toBe("➖ not measured");
    // The participation section gives no share either, and says why once.
    const section = lineWith(markdown, "reviewed at least one PR").split("Most reviews")[0];
    expect(section).toBe(
      "1 of 1 member reviewed at least one PR; the share is not measured (fewer than 2 team members known). ",
    );
    // Its trend row: no 100% against 0%, no "better".
    const trendRow = cells(lineWith(markdown, "| Members who reviewed |"));
    expect(trendRow.slice(1)).toEqual(["–", "–", "–"]);
    // The period table: both rows of the measure are gaps in every period.
    const table = markdown.split("<summary>Every measure, period by period</summary>")[1] ?? "";
    for (const label of ["Members who reviewed a PR", "Members who reviewed"]) {
      const row = cells(lineWith(table, `| ${label} |`));
      expect(row.slice(1).every((cell) => cell === "–")).toBe(true);
    }
  });

  it("no green tick for customers nobody answered: closing silently is a breach", async () => {
    const markdown = await run(QUARTER);
    const line = cells(lineWith(markdown, "| First response to customer issues |"));
    expect(line[4]).toBe("❌ missed");
    expect(line[2]).toContain("5 breaches");
    expect(line[2]).toContain("5 closed without a response");
    // The section counts the same five breaches, and so does "Avoid escalations".
    expect(lineWith(markdown, "customer issues opened:")).toContain("5 SLA breaches");
    expect(cells(lineWith(markdown, "| SLA breaches |"))[2]).toMatch(/^5 SLA breaches in 7/);
  });

  it("says why a PR merged without approval is still a merged PR with a review", async () => {
    const markdown = await run(COMMENTED_WEEK);
    const approval = cells(lineWith(markdown, "| PRs merged without approval |"));
    const review = cells(lineWith(markdown, "| Merged PRs with a review |"));
    expect(approval[4]).toBe("❌ missed");
    expect(review[4]).toBe("✅ met");
    expect(review[2]).toContain("1 reviewed without an approval");
  });

  it("names the business calendar in the first-response and SLA lines", async () => {
    const markdown = await run(QUARTER);
    for (const measure of ["First response to customer issues", "SLA breaches"])
      expect(cells(lineWith(markdown, `| ${measure} |`))[3]).toContain(
        "Mon–Fri, whole days, Asia/Shanghai",
      );
  });

  it("CSV and JSON carry units, ratios as ratios", async () => {
    const csv = parse(await run({ ...QUARTER, format: "csv" }), { columns: true }) as Record<
      string,
      string
    >[];
    const value = (section: string, subject: string, measure: string) =>
      csv.find(
        (row) => row.section === section && row.subject === subject && row.measure === measure,
      );
    expect(value("expectation", "project.reviews-with-team", "value")).toMatchObject({
      value: "0.4",
      unit: "ratio",
    });
    expect(value("customer_issues", "", "closed_without_response")).toMatchObject({
      value: "5",
      unit: "count",
    });
    expect(csv.every((row) => row.unit !== undefined)).toBe(true);
    const json = JSON.parse(await run({ ...QUARTER, format: "json" }));
    const reviewed = json.expectations.find(
      (e: { id: string }) => e.id === "project.reviews-with-team",
    );
    expect(reviewed.value).toEqual({ value: 0.4, unit: "ratio" });
    expect(json.customer_issues.closed_without_response).toEqual({ value: 5, unit: "count" });
  });

  it("counts periods as people do: inclusive end dates, calendar quarters, --since before --until", async () => {
    const markdown = await run(QUARTER);
    expect(markdown.split("\n")[0]).toBe(
      "## Review activity: panjf2000/ants, 1 July – 30 September 2019",
    );
    expect(stderr.indexOf("--since")).toBeLessThan(stderr.indexOf("--until"));
    const table = markdown.split("<summary>Every measure, period by period</summary>")[1] ?? "";
    const header = cells(lineWith(table, "| Measure |"));
    expect(header.slice(-4)).toEqual(["2018-10-01", "2019-01-01", "2019-04-01", "2019-07-01"]);
  });

  it("the dashboard's team page tells the report's story", async () => {
    const json = JSON.parse(await run({ ...QUARTER, format: "json" })) as ReviewActivityReport;
    const [repository] = await ctx.store.findRepositories("panjf2000/ants");
    if (!repository) throw new Error("ants not ingested");
    const page = String(
      renderTeam({
        scope: {
          installationId: repository.installationId,
          kind: "repository",
          name: repository.fullName,
          repositories: [repository],
          members: undefined,
          config: demoConfig(),
          settingsSince: null,
          path: "/expectations/repos/panjf2000/ants",
        },
        periods: [{ since: Date.parse(json.period.since), until: Date.parse(json.period.until) }],
        chosen: 1,
        report: { state: "ready", value: json, computedAt: 0, fresh: true },
        trends: { state: "counting" },
        webUrl: "https://github.com",
      }),
    );
    // The share the report calls not measured is not measured here either, with its reason.
    expect(page).toContain(
      "1 of 1 member reviewed at least one pull request; the share is not measured (fewer than 2 team members known)",
    );
    expect(page).not.toMatch(/reviewed at least one pull request \(\d+%\)/);
    // Five customer issues closed without a word: five breaches, coloured as the line's verdict.
    expect(page).toContain(
      '<div class="tile missed"><div class="figure">5</div><div class="label">SLA breaches (closing without a response is one)</div></div>',
    );
    expect(page).toContain(
      '<div class="tile missed"><div class="figure">5</div><div class="label">merged without approval</div></div>',
    );
    expect(page).toContain("had a review but no approval: counted as reviewed, not as approved");
  });

  it("a dry run of --post invents no issue number", async () => {
    await run({ ...QUARTER, post: true, dryRun: true });
    expect(stderr).toContain("would create a new issue in panjf2000/ants");
    expect(stderr).not.toMatch(/#1\b/);
  });
});

describe("a replay without --now", () => {
  const dir = mkdtempSync(join(tmpdir(), "one-story-replay-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("judges open work when its recorded data ends, not years later, and says so", async () => {
    let stderr = "";
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      stderr += String(chunk);
      return true;
    });
    const out = join(dir, "writes.jsonl");
    writeFileSync(out, "");
    const code = await replay([join(FIXTURES, "demo/deliveries.jsonl")], {
      db: join(dir, "replay.db"),
      fresh: true,
      dryRun: true,
      out,
    });
    vi.restoreAllMocks();
    expect(code).toBe(0);
    // The recording ends on 2022-06-09 (panjf2000/ants); chdsbd/test_repo#9 has been open since
    // April 2019 as far as it knows: its age is counted to then, whatever today's date is.
    const writes = readFileSync(out, "utf8");
    expect(writes).toContain("| 811 business days | ❌ missed |");
    expect(stderr).toContain(
      "no --now: judged as of the last recorded delivery, 2022-06-09T01:42:11.000Z",
    );
    expect(stderr).toContain("release readiness as of 2022-06-09T01:42:11.000Z");
  });
});
