import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runAction } from "../../src/action/run-action.js";
import type { History, User } from "../backfill/history.js";
import { Captured } from "../helpers/captured-stream.js";
import { historyGitHub } from "../helpers/github/index.js";
import { TestOctokit } from "../helpers/probot-server.js";

const alice: User = { login: "alice", id: 101, type: "User" };
const bob: User = { login: "bob", id: 102, type: "User" };
const dave: User = { login: "dave", id: 104, type: "User" };

/**
 * acme/widgets on Friday 2026-11-27: release v2.0 is due Tuesday 1 December. #201 is approved,
 * #202 still waits for alice's review, #203 is merged.
 */
const history: History = {
  installationId: 0,
  repository: { id: 555_001, owner: "acme", ownerId: 9000, name: "widgets", private: true },
  milestones: [
    {
      id: 7003,
      number: 3,
      title: "v2.0",
      dueOn: "2026-12-01T08:00:00Z",
      createdAt: "2026-11-01T10:00:00Z",
      closedAt: null,
    },
  ],
  pullRequests: [
    {
      id: 2_400_000_201,
      nodeId: "PR_kwDOAbc201",
      number: 201,
      title: "Widget sizes",
      author: alice,
      association: "MEMBER",
      headSha: "a".repeat(40),
      headRef: "widget-sizes",
      events: [
        { kind: "opened", at: "2026-11-20T10:00:00Z", draft: false },
        { kind: "milestoned", at: "2026-11-20T10:05:00Z", by: alice, milestone: 3 },
        { kind: "review_requested", at: "2026-11-20T10:10:00Z", by: alice, reviewer: bob },
        {
          kind: "review",
          at: "2026-11-21T09:00:00Z",
          id: 2_400_900_001,
          by: bob,
          state: "APPROVED",
          association: "MEMBER",
        },
      ],
    },
    {
      id: 2_400_000_202,
      nodeId: "PR_kwDOAbc202",
      number: 202,
      title: "Widget colours",
      author: dave,
      association: "CONTRIBUTOR",
      headSha: "b".repeat(40),
      headRef: "widget-colours",
      events: [
        { kind: "opened", at: "2026-11-24T10:00:00Z", draft: false },
        { kind: "milestoned", at: "2026-11-24T10:05:00Z", by: alice, milestone: 3 },
        { kind: "review_requested", at: "2026-11-24T10:10:00Z", by: dave, reviewer: alice },
      ],
    },
    {
      id: 2_400_000_203,
      nodeId: "PR_kwDOAbc203",
      number: 203,
      title: "Widget docs",
      author: bob,
      association: "MEMBER",
      headSha: "c".repeat(40),
      headRef: "widget-docs",
      events: [
        { kind: "opened", at: "2026-11-23T10:00:00Z", draft: false },
        { kind: "milestoned", at: "2026-11-23T10:05:00Z", by: bob, milestone: 3 },
        {
          kind: "review",
          at: "2026-11-24T15:00:00Z",
          id: 2_400_900_002,
          by: alice,
          state: "APPROVED",
          association: "MEMBER",
        },
        { kind: "closed", at: "2026-11-25T09:00:00Z", by: bob, merged: true },
      ],
    },
  ],
  issues: [],
};

const CONFIG = "timezone: Europe/Berlin\nreports:\n  period_days: 7\n";

describe("the GitHub Actions entry point", () => {
  let dir: string;
  let env: Record<string, string>;

  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "expectations-action-"));
    // What a `schedule` run gets: the event payload file and the runner's variables.
    writeFileSync(
      join(dir, "event.json"),
      JSON.stringify({
        schedule: "0 7 * * 1-5",
        repository: {
          id: 555_001,
          name: "widgets",
          full_name: "acme/widgets",
          private: true,
          owner: { login: "acme", type: "Organization" },
        },
        sender: { login: "github-actions[bot]", type: "Bot" },
      }),
    );
    writeFileSync(join(dir, "summary.md"), "");
    env = {
      GITHUB_TOKEN: "ghs_workflow_token",
      GITHUB_REPOSITORY: "acme/widgets",
      GITHUB_EVENT_NAME: "schedule",
      GITHUB_EVENT_PATH: join(dir, "event.json"),
      GITHUB_API_URL: "https://api.github.com",
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_STEP_SUMMARY: join(dir, "summary.md"),
      RUNNER_TEMP: dir,
    };
  });
  afterEach(() => {
    nock.cleanAll();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (extra: Record<string, string> = {}) => {
    const stdout = new Captured();
    const code = await runAction({
      env: { ...env, ...extra },
      stdout,
      clock: () => new Date("2026-11-27T12:00:00Z"),
      sleep: async () => {},
      Octokit: TestOctokit,
    });
    return { code, stdout: stdout.text };
  };

  it("imports the repository, publishes release readiness and the report, and leaves no database behind", async () => {
    const github = historyGitHub(history, { config: () => CONFIG });

    const { code, stdout } = await run();

    expect(code, stdout).toBe(0);
    // Report period: Monday 2026-11-16 09:00 to Monday 2026-11-23 09:00 Berlin; one day more.
    expect(github.graphqlCalls).toHaveLength(1);
    expect(github.graphqlCalls[0]?.variables.since).toBe("2026-11-15T08:00:00Z");
    const checks = github.writes.filter((w) => w.path.endsWith("/check-runs"));
    expect(checks.map((w) => [w.body.head_sha, w.body.name, w.body.conclusion]).sort()).toEqual([
      ["a".repeat(40), "Release readiness", "success"],
      ["b".repeat(40), "Release readiness", "neutral"],
    ]);
    const issues = github.writes.filter((w) => w.method === "POST" && w.path.endsWith("/issues"));
    expect(issues.map((w) => w.body.title)).toEqual([
      "Release readiness: v2.0",
      "Review activity: acme/widgets 16 – 23 November 2026",
    ]);
    expect(stdout).toContain(
      "acme/widgets: imported 3 pull requests and 0 issues updated since 2026-11-15T08:00:00.000Z or still open (1 GraphQL requests, 1 points)\n",
    );
    expect(stdout).toContain(
      "acme/widgets: review-activity report: https://github.com/acme/widgets/issues/2 created\n",
    );
    expect(readFileSync(join(dir, "summary.md"), "utf8")).toContain(
      "### Expectations: acme/widgets",
    );
    expect(readdirSync(dir).filter((f) => f.endsWith(".db"))).toEqual([]);
  });

  it("prints the writes instead of sending them with dry-run", async () => {
    const github = historyGitHub(history, { config: () => CONFIG });
    const { code, stdout } = await run({ INPUT_DRY_RUN: "true", INPUT_REPORT: "false" });
    expect(code).toBe(0);
    expect(github.writes).toEqual([]);
    const writes = stdout
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { method: string; path: string });
    expect(writes.map((w) => `${w.method} ${w.path}`)).toEqual([
      "POST /repos/acme/widgets/check-runs",
      "POST /repos/acme/widgets/check-runs",
      "POST /repos/acme/widgets/issues",
    ]);
  });

  it("fails with an annotation naming the bad key when the config is invalid", async () => {
    historyGitHub(history, { config: () => "release:\n  warn_within_business_days: soon\n" });
    const { code, stdout } = await run({ INPUT_REPORT: "false" });
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /^::error::\.github\/expectations\.yml: .*release\.warn_within_business_days/m,
    );
  });

  it("fails with an annotation, before asking GitHub anything, when history-days is no number of days", async () => {
    const github = historyGitHub(history, { config: () => CONFIG });
    const { code, stdout } = await run({ INPUT_HISTORY_DAYS: "9O" });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^::error::history-days: "9O" is not a whole number of days above 0$/m);
    expect(github.graphqlCalls).toEqual([]);
    expect(github.reads).toEqual([]);
  });

  it("works against GitHub Enterprise Server from the runner's GITHUB_API_URL", async () => {
    const github = historyGitHub(history, {
      origin: "https://ghe.example.com",
      enterprise: true,
      config: () => CONFIG,
    });
    const { code, stdout } = await run({
      GITHUB_API_URL: "https://ghe.example.com/api/v3",
      GITHUB_SERVER_URL: "https://ghe.example.com",
    });
    expect(code, stdout).toBe(0);
    expect(github.graphqlCalls).toHaveLength(1);
    expect(github.writes.map((w) => `${w.method} ${w.path}`)).toContain(
      "POST /api/v3/repos/acme/widgets/check-runs",
    );
    expect(stdout).toContain("https://ghe.example.com/acme/widgets/issues/");
  });

  it("says what is missing, in one annotation, outside a workflow", async () => {
    const { code, stdout } = await run({ GITHUB_REPOSITORY: "", GITHUB_EVENT_PATH: "" });
    expect(code).toBe(1);
    expect(stdout).toBe(
      "::error::no repository: run this in a GitHub Actions workflow (GITHUB_REPOSITORY is not set)\n",
    );
  });
});
