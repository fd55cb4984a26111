import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/index.js";
import {
  configErrorCheck,
  isReleasePullRequest,
  milestoneIssue,
  pullRequestReadiness,
  releaseGateCheck,
  releaseReadinessCheck,
} from "../../src/release/index.js";
import type { PullRequestRow, ReviewRequestRow, ReviewRow } from "../../src/store/index.js";
import { createCalendar } from "../../src/time/index.js";
import { milestone, pullRequest, request, review } from "./rows.js";

const calendar = createCalendar();
const rules = { calendar, warnWithinBusinessDays: 3 };
const HOSTILE =
  "Fix @acme/security <img src=x onerror=alert(1)> `rm -rf` | [click](https://evil.example)";

function readiness(
  now: string,
  pr: Partial<PullRequestRow> = {},
  reviews: ReviewRow[] = [],
  requests: ReviewRequestRow[] = [],
) {
  const row = pullRequest(pr);
  return pullRequestReadiness(
    {
      pullRequest: row,
      milestone: milestone(),
      reviews: reviews.map((r) => ({ ...r, pullRequestId: row.pullRequestId })),
      reviewRequests: requests.map((r) => ({ ...r, pullRequestId: row.pullRequestId })),
    },
    rules,
    new Date(now),
  );
}

describe("the Release readiness check, written for the team", () => {
  const options = { timezone: "UTC", warnWithinBusinessDays: 3 };

  it("at risk: release, due date, days left, and who it waits on, without pinging anyone", () => {
    const check = releaseReadinessCheck(
      readiness(
        "2024-03-27T10:00:00Z",
        {},
        [],
        [request("grace", "2024-03-20T09:00:00Z"), request("@acme/web", "2024-03-20T09:00:00Z")],
      ),
      options,
    );
    expect(check).toEqual({
      name: "Release readiness",
      head_sha: "a".repeat(40),
      external_id: "release-readiness:PR_100",
      conclusion: "neutral",
      output: {
        title: "At risk for v2.0: due in 2 business days, waiting on review",
        summary: [
          "**Release:** v2\\.0, due Friday 2024-03-29 (end of day, UTC)  ",
          "**Business days left:** 2  ",
          "**Waiting on:** review by `@acme/web`, `grace`",
          "",
          "Get it approved and merged before the end of the due date, or move it to a later milestone.",
        ].join("\n"),
      },
    });
  });

  it.each([
    ["2024-03-22T10:00:00Z", [], "On track for v2.0: due in 5 business days, waiting on review"],
    [
      "2024-03-28T10:00:00Z",
      [review("grace", "APPROVED", "2024-03-27T10:00:00Z")],
      "On track for v2.0: approved, waiting on merge",
    ],
    ["2024-03-29T10:00:00Z", [], "At risk for v2.0: due today, waiting on review"],
    ["2024-04-01T10:00:00Z", [], "Missed v2.0: due 2024-03-29, still open"],
  ] as [string, ReviewRow[], string][])("as of %s: %s", (now, reviews, title) => {
    expect(releaseReadinessCheck(readiness(now, {}, reviews), options).output.title).toBe(title);
  });

  it("missed: says what to do next", () => {
    const { output } = releaseReadinessCheck(readiness("2024-04-01T10:00:00Z"), options);
    expect(output.summary).not.toContain("Business days left");
    expect(output.summary).toContain("Merge it, or move it to the milestone of the next release.");
  });

  it("an invalid config shows every bad key and why, instead of a verdict", () => {
    const result = parseConfig({
      timezone: "Mars/Olympus",
      release: { warn_within_business_days: -1 },
    });
    if (result.ok) throw new Error("expected an invalid config");
    const check = configErrorCheck(pullRequest(), result.errors);
    expect(check.conclusion).toBe("neutral");
    expect(check.output.title).toBe(
      "Cannot check release readiness: .github/expectations.yml is invalid (timezone, release.warn_within_business_days)",
    );
    expect(check.output.summary).toMatch(
      /^`\.github\/expectations\.yml` is invalid:\n- `timezone`: .+\n- `release\.warn_within_business_days`: .+/,
    );
  });
});

describe("release pull requests and the Release gate", () => {
  const defaults = parseConfig(null);
  if (!defaults.ok) throw new Error("the defaults are valid");
  const { gate } = defaults.config.release;
  it.each([
    [{ labels: ["Release"], headRef: "main" }, true],
    [{ labels: ["bug"], headRef: "release/2.0" }, true],
    [{ labels: [], headRef: "release/2.0/hotfix" }, false],
    [{ labels: [], headRef: "feature/release" }, false],
  ])("%o is a release pull request: %s", (pr, expected) => {
    expect(isReleasePullRequest(pr, gate)).toBe(expected);
  });

  it("is blocked while other pull requests of the milestone are open, and lists them with links", () => {
    const pending = [
      readiness("2024-03-27T10:00:00Z", { pullRequestId: 102, number: 42, title: HOSTILE }, [
        review("linus", "CHANGES_REQUESTED", "2024-03-26T10:00:00Z"),
      ]),
      readiness("2024-03-27T10:00:00Z", { pullRequestId: 101, number: 7, title: "Docs" }),
    ];
    const check = releaseGateCheck({
      pullRequest: pullRequest({ nodeId: "PR_9", headSha: "b".repeat(40) }),
      milestone: milestone(),
      pending,
      repositoryUrl: "https://ghe.example.com/acme/web",
    });
    expect(check.conclusion).toBe("failure");
    expect(check.external_id).toBe("release-gate:PR_9");
    expect(check.output.title).toBe("Blocked: 2 other pull requests in v2.0 still open");
    expect(check.output.summary.split("\n").slice(2)).toEqual([
      "- [#7](https://ghe.example.com/acme/web/pull/7) Docs: waiting on a reviewer: nobody has been asked to review yet",
      "- [#42](https://ghe.example.com/acme/web/pull/42) Fix @\u200bacme/security \\<img src=x onerror=alert\\(1\\)\\> \\`rm \\-rf\\` \\| \\[click\\]\\(https://evil\\.example\\): waiting on `ada` to address the changes requested by `linus`",
    ]);
  });

  it("passes when nothing else in the milestone is open", () => {
    const check = releaseGateCheck({
      pullRequest: pullRequest(),
      milestone: milestone(),
      pending: [],
      repositoryUrl: "https://github.com/acme/web",
    });
    expect([check.conclusion, check.output.title]).toEqual([
      "success",
      "Ready to release: no other pull request in v2.0 is open",
    ]);
  });
});

describe("the milestone issue", () => {
  it("lists pending pull requests with author, waiting on, age and state; escapes hostile titles", () => {
    const open = [
      readiness(
        "2024-03-27T10:00:00Z",
        { number: 42, title: HOSTILE, author: { login: "mallory", type: "User" } },
        [review("grace", "APPROVED", "2024-03-26T10:00:00Z")],
      ),
      readiness("2024-03-27T10:00:00Z", {
        pullRequestId: 101,
        number: 7,
        title: "Docs",
        draft: true,
        readyAt: null,
      }),
    ];
    const issue = milestoneIssue({
      milestone: milestone({ title: "v2.0 @acme/all" }),
      open,
      merged: 5,
      closedUnmerged: 1,
      repositoryUrl: "https://github.com/acme/web",
      calendar,
      now: new Date("2024-03-27T10:00:00Z"),
    });
    expect(issue.title).toBe("Release readiness: v2.0 @acme/all");
    expect(issue.key).toBe("release-readiness:milestone:7");
    expect(issue.body).toBe(
      [
        "## Release readiness: v2\\.0 @\u200bacme/all",
        "",
        "**Due:** Friday 2024-03-29 (end of day, UTC)  ",
        "**Business days left:** 2  ",
        "**Pull requests:** 2 open, 5 merged, 1 closed without merging",
        "",
        "| PR | Author | Waiting on | Age | State |",
        "| --- | --- | --- | --- | --- |",
        "| [#7](https://github.com/acme/web/pull/7) Docs | `ada` | `ada` to mark the draft ready for review | 17 business days | ⚠️ at risk |",
        "| [#42](https://github.com/acme/web/pull/42) Fix @\u200bacme/security \\<img src=x onerror=alert\\(1\\)\\> \\`rm \\-rf\\` \\| \\[click\\]\\(https://evil\\.example\\) | `mallory` | a merge (approved by `grace`) | 17 business days | ✅ on track |",
        "",
        "```mermaid",
        "pie showData title Pull requests in this milestone",
        '  "Merged" : 5',
        '  "Approved, waiting on merge" : 1',
        '  "Draft" : 1',
        '  "Closed without merging" : 1',
        "```",
        "",
        "_Kept up to date by the Expectations app from pull request activity; closed when the milestone closes. Edits to this issue are overwritten._",
      ].join("\n"),
    );
  });
});
