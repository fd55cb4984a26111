import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReviewActivityReport } from "../../src/flows/index.js";
import { renderReportCsv, renderReportMarkdown, reportTitle } from "../../src/reports/index.js";
import type { MilestoneRow, PullRequestRecord, StoreChange } from "../../src/store/index.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";
import {
  activity,
  at,
  INSTALLATION,
  issue,
  pullRequest,
  REPOSITORY,
  request,
} from "../metrics/activity-builder.js";
import { period } from "../metrics/week-scenario.js";
import { defaults, reportOf } from "./report-fixture.js";

const HOSTILE = [
  "@org/team please merge",
  '<img src=x onerror="alert(1)">',
  "`code` and ``` fences",
  "| a | b | breaks tables",
  "[click](https://evil.example) **bold** _it_ <!-- -->",
  "line\nbreak # heading",
];

/** Markdown with code spans removed: what GitHub would parse for mentions, HTML and links. */
function outsideCode(markdown: string): string {
  return markdown.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
}

describe("hostile titles stay inert", () => {
  // Each title is on a PR waiting for a first review (the unblock list) and on a customer issue.
  const hostile = activity({
    pullRequests: HOSTILE.map((title, i) =>
      pullRequest(i + 1, "alice", "2024-07-01 09:00", { title }),
    ),
    reviewRequests: [request(1, "@org/reviewers", "2024-07-01 09:00")],
    issues: HOSTILE.map((title, i) => issue(100 + i, "zed", "NONE", "2024-07-01 09:00", { title })),
  });
  const markdown = renderReportMarkdown(reportOf(hostile));

  it("lists every hostile title (so the test covers them)", () => {
    const titleRows = markdown.split("\n").filter((line) => /^\| #\d+ /.test(line));
    expect(titleRows.length).toBe(2 * HOSTILE.length);
  });

  it("no mention, no HTML, no link, no emphasis, no broken table", () => {
    const parsed = outsideCode(markdown);
    expect(parsed).not.toMatch(/(^|[^\w`])@org\/team/); // "@" is followed by a zero-width space
    expect(parsed).not.toMatch(/@[A-Za-z]/);
    // "<" of user text is escaped ("\\<img"), so GitHub shows it instead of parsing HTML.
    expect(parsed).not.toMatch(/(^|[^\\])<(img|!--)/);
    expect(parsed).toContain("\\<img");
    expect(parsed).not.toContain("](https://evil.example)");
    expect(parsed).not.toMatch(/(^|[^\\])\*\*bold/);
    // Every table row keeps its column count: escaped pipes do not split cells.
    for (const line of markdown.split("\n").filter((l) => l.startsWith("| #"))) {
      const cells = line.replace(/\\\|/g, "").split("|").length;
      const unblockRow = line.includes("a first review") || line.includes("review by");
      expect(cells, line).toBe(unblockRow ? 8 : 7); // 6 or 5 columns
    }
  });

  it("a team reviewer is written as code, so the team is not notified", () => {
    expect(markdown).toContain("review by `@org/reviewers`");
  });

  it("logins notify only with reports.mention", () => {
    const report = reportOf(hostile);
    expect(renderReportMarkdown(report)).not.toContain("@alice");
    expect(renderReportMarkdown(report, { mention: true })).toContain("@alice");
  });

  it("a hostile team name cannot mention from the issue title", () => {
    const report = {
      ...reportOf(hostile),
      scope: { kind: "team" as const, name: "@org/team", repositories: [] },
    };
    expect(reportTitle(report)).toBe("Review activity: @\u200borg/team 1 – 8 July 2024");
    expect(renderReportMarkdown(report)).toContain("team @\u200borg/team");
  });

  it("CSV never starts a cell with a formula character", () => {
    const csv = renderReportCsv(reportOf(hostile));
    for (const line of csv.split("\r\n").slice(1))
      for (const cell of line.split(",")) expect(cell).not.toMatch(/^[=+\-@]/);
  });
});

describe("hostile milestone titles stay inert", () => {
  // Each title is a release due Friday 2024-07-05 with one open pull request of the same title:
  // a row of the pending work, its "Open in" list and a missed release among the escalation risks.
  const milestone = (i: number, title: string): MilestoneRow => ({
    installationId: INSTALLATION,
    repositoryId: REPOSITORY,
    milestoneId: 200 + i,
    number: i + 1,
    title,
    state: "open",
    dueOn: at("2024-07-05 07:00"),
    closedAt: null,
    updatedAt: at("2024-06-28 09:00"),
    deletedAt: null,
  });
  const markdown = renderReportMarkdown(
    reportOf(
      activity({
        milestones: HOSTILE.map((title, i) => milestone(i, title)),
        pullRequests: HOSTILE.map((title, i) =>
          pullRequest(i + 1, "alice", "2024-07-01 09:00", { title, milestoneId: 200 + i }),
        ),
      }),
    ),
  );
  const lines = markdown.split("\n");

  it("lists every hostile title in each release section (so the test covers them)", () => {
    expect(lines.filter((line) => line.includes(" | acme/storage | 2024-07-05 |"))).toHaveLength(
      HOSTILE.length,
    );
    expect(lines.filter((line) => line.startsWith("Open in "))).toHaveLength(HOSTILE.length);
    expect(lines.filter((line) => line.startsWith("- Release "))).toHaveLength(HOSTILE.length);
  });

  it("no mention, no HTML, no link, no emphasis, no broken table", () => {
    const parsed = outsideCode(markdown);
    expect(parsed).not.toMatch(/(^|[^\w`])@org\/team/);
    expect(parsed).not.toMatch(/@[A-Za-z]/);
    expect(parsed).not.toMatch(/(^|[^\\])<(img|!--)/);
    expect(parsed).toContain("\\<img");
    expect(parsed).not.toContain("](https://evil.example)");
    expect(parsed).not.toMatch(/(^|[^\\])\*\*bold/);
    for (const line of lines.filter((l) => l.includes(" | acme/storage | 2024-07-05 |")))
      expect(line.replace(/\\\|/g, "").split("|").length, line).toBe(9); // 7 columns
  });
});

describe("a report posted in a public repository holds nothing from private ones", () => {
  let ctx: TempStore;
  const base = (repositoryId: number, pullRequestId: number, title: string, author: string) => {
    const { readyAt: _readyAt, ...row } = pullRequest(pullRequestId, author, "2024-07-01 09:00", {
      title,
    });
    const record: PullRequestRecord = { ...row, repositoryId, authorAssociation: "MEMBER" };
    return record;
  };

  beforeAll(async () => {
    ctx = await tempStore();
    const changes: StoreChange[] = [
      {
        kind: "repository",
        record: { installationId: 1, repositoryId: 10, fullName: "acme/storage", private: false },
      },
      {
        kind: "repository",
        record: {
          installationId: 1,
          repositoryId: 20,
          fullName: "acme/secret-sauce",
          private: true,
        },
      },
      { kind: "pull_request", record: base(10, 1, "Public fix", "alice") },
      { kind: "pull_request", record: base(20, 2, "Acquire Initech quietly", "mallory") },
      {
        kind: "review",
        record: {
          installationId: 1,
          repositoryId: 20,
          pullRequestId: 2,
          reviewId: 5,
          reviewer: { login: "trent", type: "User" },
          state: "APPROVED",
          dismissed: false,
          submittedAt: at("2024-07-02 10:00"),
          commitId: null,
          authorAssociation: "MEMBER",
        },
      },
      {
        kind: "milestone",
        record: {
          installationId: 1,
          repositoryId: 20,
          milestoneId: 7,
          number: 1,
          title: "Secret launch",
          state: "open",
          dueOn: at("2024-07-12 07:00"),
          closedAt: null,
          updatedAt: at("2024-07-01 09:00"),
        },
      },
    ];
    await ctx.store.applyChanges(changes);
  });
  afterAll(() => ctx.cleanup());

  async function teamReport(publicTarget: boolean) {
    const repositories = await ctx.store.listRepositories(1);
    return buildReviewActivityReport(ctx.store, {
      installationId: 1,
      scope: { kind: "team", name: "storage" },
      repositories,
      period,
      now: period.until,
      config: defaults(),
      publicTarget,
    });
  }

  it("drops private repositories' data and says so, without naming them", async () => {
    const report = await teamReport(true);
    const outputs = [renderReportMarkdown(report), renderReportCsv(report), JSON.stringify(report)];
    for (const output of outputs) {
      for (const secret of ["secret-sauce", "Initech", "mallory", "trent", "Secret launch"])
        expect(output).not.toContain(secret);
    }
    expect(report.excluded_private_repositories).toEqual({ value: 1, unit: "count" });
    expect(report.scope.repositories).toEqual(["acme/storage"]);
    expect(renderReportMarkdown(report)).toContain(
      "1 private repository of this team is left out: this report is posted in a public repository.",
    );
  });

  it("keeps them when the report stays private", async () => {
    const report = await teamReport(false);
    expect(report.scope.repositories).toEqual(["acme/secret-sauce", "acme/storage"]);
    expect(JSON.stringify(report)).toContain("Secret launch");
    expect(report.people.map((p) => p.login)).toContain("trent");
  });
});
