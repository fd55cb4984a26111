import nock from "nock";
import { describe, expect, it } from "vitest";
import { parseConfig, settingsFromText } from "../../src/config/index.js";
import { cpuTimed } from "../helpers/cpu-time.js";
import { API, configFromNock, contents, fileReply } from "../helpers/github/contents.js";

/** 20,000 holiday periods, as a member of a repository wrote them (780 KB of YAML). */
const HOLIDAYS = Array.from({ length: 20_000 }, (_, i) => {
  const day = new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  return { from: day, to: day, name: `day ${i}` };
});

function errorsOf(raw: unknown) {
  const result = parseConfig(raw);
  if (result.ok) throw new Error("expected the config to be refused");
  return result.errors;
}

describe("config limits: every list, text and pattern is bounded", () => {
  it("refuses 20,000 holidays as an error of the key, naming the limit, in milliseconds", async () => {
    const { result, ms } = await cpuTimed(() => errorsOf({ holidays: HOLIDAYS }));
    expect(result).toEqual([{ key: "holidays", message: "at most 1000 entries, got 20000" }]);
    expect(ms).toBeLessThan(250);
  });

  it("refuses them in settings kept before the limits, where the dashboard reads them", async () => {
    const text = JSON.stringify({ ok: true, config: { holidays: HOLIDAYS } });
    const { result, ms } = await cpuTimed(() => settingsFromText(text));
    expect(result).toEqual({
      ok: false,
      errors: [{ key: "holidays", message: "at most 1000 entries, got 20000" }],
    });
    expect(ms).toBeLessThan(250);
  });

  it("refuses holidays that cover more than ten years of days in all", () => {
    const years = Array.from({ length: 11 }, (_, i) => ({
      from: `${2030 + i}-01-01`,
      to: `${2030 + i}-12-31`,
    }));
    expect(errorsOf({ holidays: years })).toEqual([
      {
        key: "holidays",
        message: "the holidays may cover at most 3660 days in all, these cover 4018",
      },
    ]);
  });

  const many = <T>(count: number, item: (i: number) => T): T[] =>
    Array.from({ length: count }, (_, i) => item(i));
  const team = (fields: Record<string, unknown>) => ({ reports: { teams: { storage: fields } } });

  it.each([
    ["workdays", { workdays: many(15, () => "mon") }, "at most 14 entries, got 15"],
    ["bots", { bots: many(101, (i) => `bot-${i}`) }, "at most 100 entries, got 101"],
    ["team", { team: many(501, (i) => `dev-${i}`) }, "at most 500 entries, got 501"],
    [
      "release.gate.labels",
      { release: { gate: { labels: many(51, (i) => `l${i}`) } } },
      "at most 50 entries, got 51",
    ],
    [
      "customer.labels",
      { customer: { labels: many(51, (i) => `l${i}`) } },
      "at most 50 entries, got 51",
    ],
    ["rca.labels", { rca: { labels: many(51, (i) => `l${i}`) } }, "at most 50 entries, got 51"],
    [
      "release.gate.head_branches",
      { release: { gate: { head_branches: many(11, (i) => `release-${i}/*`) } } },
      "at most 10 entries, got 11",
    ],
    [
      "reports.teams",
      {
        reports: {
          teams: Object.fromEntries(many(101, (i) => [`t${i}`, { repos: ["o/r"] }] as const)),
        },
      },
      "at most 100 teams, got 101",
    ],
    [
      "reports.teams.storage.repos",
      team({ repos: many(201, (i) => `o/r${i}`) }),
      "at most 200 entries, got 201",
    ],
    [
      "reports.teams.storage.members",
      team({ repos: ["o/r"], members: many(501, (i) => `dev-${i}`) }),
      "at most 500 entries, got 501",
    ],
  ])("%s has a limit on its entries", (key, raw, message) => {
    expect(errorsOf(raw)).toEqual([{ key, message }]);
  });

  it.each([
    [
      "release.gate.head_branches[0]",
      { release: { gate: { head_branches: [`release/${"x".repeat(60)}`] } } },
      "a branch name pattern may have at most 64 characters, this one has 68",
    ],
    [
      "release.gate.head_branches[0]",
      { release: { gate: { head_branches: ["?".repeat(21)] } } },
      "a branch name pattern may have at most 20 wildcards (* and ?), this one has 21",
    ],
    [
      "release.gate.labels[0]",
      { release: { gate: { labels: ["x".repeat(101)] } } },
      "at most 100 characters, got 101",
    ],
    ["reports.label", { reports: { label: "x".repeat(101) } }, "at most 100 characters, got 101"],
    [
      "holidays[0].name",
      { holidays: [{ from: "2026-01-01", to: "2026-01-01", name: "x".repeat(101) }] },
      "at most 100 characters, got 101",
    ],
    [
      `reports.teams.${"t".repeat(64)}…`,
      { reports: { teams: { ["t".repeat(101)]: { repos: ["o/r"] } } } },
      "at most 100 characters, got 101",
    ],
  ])("%s is bounded", (key, raw, message) => {
    expect(errorsOf(raw)).toEqual([{ key, message }]);
  });

  it("accepts the pathological glob of a backtracking matcher: this matcher takes it in stride", () => {
    const result = parseConfig({
      release: { gate: { head_branches: ["*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b"] } },
    });
    expect(result.ok).toBe(true);
  });

  it("checks a mapping of 7,000 unknown keys in milliseconds, suggesting names for the first few", async () => {
    const raw = Object.fromEntries(many(7_000, (i) => [`relase_${i}`, i] as const));
    const { result, ms } = await cpuTimed(() => errorsOf(raw));
    expect(result).toHaveLength(7_000);
    expect(ms).toBeLessThan(250);
  });
});

describe("config limits on the files read from GitHub", () => {
  const load = configFromNock();

  it("refuses a file over 64 KB before reading what it says, in milliseconds", async () => {
    const yaml = `holidays:\n${HOLIDAYS.map((h) => `  - { from: ${h.from}, to: ${h.to}, name: ${h.name} }`).join("\n")}\n`;
    nock(API)
      .get(contents("o/r"))
      .reply(...fileReply(yaml));
    const { result, ms } = await cpuTimed(load);
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          key: "(file)",
          message: `o/r:.github/expectations.yml has ${Buffer.byteLength(yaml)} bytes; a config file may have at most 65536 (64 KB)`,
        },
      ],
    });
    // Most of it is Octokit taking GitHub's 1 MB answer in; the YAML is never parsed.
    expect(ms).toBeLessThan(500);
  });

  it("refuses an _extends chain longer than three files", async () => {
    nock(API)
      .get(contents("o/r"))
      .reply(...fileReply("_extends: .github\n"))
      .get(contents("o/.github"))
      .reply(...fileReply("_extends: .github:a.yml\n"))
      .get(contents("o/.github", "a.yml"))
      .reply(...fileReply("_extends: .github:b.yml\n"))
      .get(contents("o/.github", "b.yml"))
      .reply(...fileReply("_extends: .github:c.yml\n"));
    expect(await load()).toEqual({
      ok: false,
      errors: [
        {
          key: "_extends",
          message:
            "a config may extend at most 3 files in a row; o/.github:b.yml extends one more (o/.github:c.yml): copy its settings into one of them",
        },
      ],
    });
  });

  it("refuses mappings nested deeper than any setting goes", async () => {
    nock(API)
      .get(contents("o/r"))
      .reply(...fileReply(`reports:\n  teams: ${"[".repeat(200)}${"]".repeat(200)}\n`));
    const result = await load();
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          key: "(file)",
          message: expect.stringMatching(
            /^invalid YAML in o\/r:\.github\/expectations\.yml: .*nest/,
          ),
        },
      ],
    });
  });
});
