import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { replay } from "../../src/cli/replay.js";
import type { GitHubWrite } from "../../src/github/index.js";
import { kodiakChain } from "../helpers/fixtures.js";

const PR9_SHA = "da14dfc294d49d554f189965f9abd4ed9eea524e";
const PR9_EXTERNAL_ID = "release-readiness:MDExOlB1bGxSZXF1ZXN0Mjc0OTQ4MjMy";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "replay-release-"));
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

/** Writes the chain as a delivery stream, replays it with --dry-run and returns the writes. */
async function dryRun(
  now: string,
  options: { withoutApproval?: boolean; config?: string } = {},
): Promise<GitHubWrite[]> {
  const chain = kodiakChain().filter((_, i) => !(options.withoutApproval && i === 5));
  const stream = join(dir, "chain.jsonl");
  writeFileSync(
    stream,
    chain
      .map((d) =>
        JSON.stringify({ name: d.name, id: d.id, payload: d.payload, at: new Date(d.receivedAt) }),
      )
      .join("\n"),
  );
  let configPath: string | undefined;
  if (options.config) {
    configPath = join(dir, "expectations.yml");
    writeFileSync(configPath, options.config);
  }
  const out = join(dir, "writes.jsonl");
  const code = await replay([stream], {
    db: join(dir, "x.db"),
    fresh: true,
    now,
    dryRun: true,
    out,
    ...(configPath ? { config: configPath } : {}),
  });
  expect(code).toBe(0);
  return readFileSync(out, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as GitHubWrite);
}

function readinessCheck(writes: GitHubWrite[]): GitHubWrite {
  const checks = writes.filter((w) => w.body.name === "Release readiness");
  expect(checks).toHaveLength(1);
  return checks[0] as GitHubWrite;
}

describe("replay --dry-run of the kodiak chain: PR #9 in 'test milestone', due Friday 2019-10-04", () => {
  // Business days left = business days after today up to and including Friday 2019-10-04 (UTC).
  it.each([
    [
      "2019-09-27T12:00:00Z",
      "approved, 5 business days left (before the window)",
      false,
      "success",
      /^On track for test milestone: approved/,
    ],
    [
      "2019-10-02T12:00:00Z",
      "approved, 2 business days left (inside the window)",
      false,
      "success",
      /^On track for test milestone: approved/,
    ],
    [
      "2019-10-04T23:59:59Z",
      "approved, the last second of the due date",
      false,
      "success",
      /^On track/,
    ],
    [
      "2019-10-05T00:00:00Z",
      "the first second after the due date",
      false,
      "failure",
      /^Missed test milestone: due 2019-10-04, still open$/,
    ],
    [
      "2019-09-27T12:00:00Z",
      "changes requested, 5 business days left",
      true,
      "success",
      /^On track for test milestone: due in 5 business days, waiting on requested changes$/,
    ],
    [
      "2019-10-01T12:00:00Z",
      "changes requested, 3 business days left",
      true,
      "neutral",
      /^At risk for test milestone: due in 3 business days, waiting on requested changes$/,
    ],
    [
      "2019-10-04T08:00:00Z",
      "changes requested, the due date itself",
      true,
      "neutral",
      /^At risk for test milestone: due today/,
    ],
    ["2019-10-07T09:00:00Z", "changes requested, after the due date", true, "failure", /^Missed/],
  ])("as of %s (%s)", async (now, _case, withoutApproval, conclusion, title) => {
    const writes = await dryRun(now, { withoutApproval });
    const check = readinessCheck(writes);
    expect(check.method).toBe("POST");
    expect(check.path).toBe("/repos/chdsbd/test_repo/check-runs");
    expect(check.body).toMatchObject({
      name: "Release readiness",
      head_sha: PR9_SHA,
      external_id: PR9_EXTERNAL_ID,
      status: "completed",
      completed_at: new Date(now).toISOString(),
      conclusion,
    });
    expect((check.body.output as { title: string }).title).toMatch(title);
  });

  it("says who the pull request waits on, without pinging them", async () => {
    const approved = readinessCheck(await dryRun("2019-10-02T12:00:00Z"));
    expect((approved.body.output as { summary: string }).summary).toBe(
      [
        "**Release:** test milestone, due Friday 2019-10-04 (end of day, UTC)  ",
        "**Business days left:** 2  ",
        "**Waiting on:** a merge (approved by `sbdchd`)",
        "",
        "Merge it before the end of the due date to make the release.",
      ].join("\n"),
    );
    const changes = readinessCheck(await dryRun("2019-10-02T12:00:00Z", { withoutApproval: true }));
    expect((changes.body.output as { summary: string }).summary).toContain(
      "**Waiting on:** `chdsbd` to address the changes requested by `sbdchd`",
    );
    expect(JSON.stringify(changes.body)).not.toMatch(/(^|[^`])@sbdchd/);
  });

  it("uses the team's calendar from --config: holidays shrink the days left, the time zone moves the deadline", async () => {
    // Monday 2019-09-30: Tue, Wed, Thu, Fri = 4 business days left, outside the 3-day window.
    expect(
      readinessCheck(await dryRun("2019-09-30T12:00:00Z", { withoutApproval: true })).body
        .conclusion,
    ).toBe("success");
    // With Thursday a holiday only Tue, Wed, Fri are left: inside the window.
    const holiday = readinessCheck(
      await dryRun("2019-09-30T12:00:00Z", {
        withoutApproval: true,
        config: "holidays: [2019-10-03]\n",
      }),
    );
    expect(holiday.body.conclusion).toBe("neutral");
    expect((holiday.body.output as { summary: string }).summary).toContain(
      "**Business days left:** 3",
    );
    // 10:00 UTC on the due date is already Saturday in Kiritimati (UTC+14): missed there, not in UTC.
    expect(readinessCheck(await dryRun("2019-10-04T10:00:00Z")).body.conclusion).toBe("success");
    const east = readinessCheck(
      await dryRun("2019-10-04T10:00:00Z", { config: "timezone: Pacific/Kiritimati\n" }),
    );
    expect(east.body.conclusion).toBe("failure");
    expect((east.body.output as { summary: string }).summary).toContain(
      "(end of day, Pacific/Kiritimati)",
    );
  });

  it("opens the milestone issue with the pending pull request and the days left", async () => {
    const writes = await dryRun("2019-10-01T12:00:00Z", { withoutApproval: true });
    const issues = writes.filter((w) => w.path === "/repos/chdsbd/test_repo/issues");
    expect(issues).toHaveLength(1);
    const body = issues[0]?.body as { title: string; body: string; labels: string[] };
    expect(body.title).toBe("Release readiness: test milestone");
    expect(body.labels).toEqual(["release-readiness"]);
    expect(body.body).toContain("<!-- probot-expectations:release-readiness:milestone:4276302 -->");
    expect(body.body).toContain("**Business days left:** 3");
    expect(body.body).toContain(
      // Age: business days from Wednesday 2019-05-01 (opened ready) to Tuesday 2019-10-01.
      "| [#9](https://github.com/chdsbd/test_repo/pull/9) Create main\\.py | `chdsbd` | `chdsbd` to address the changes requested by `sbdchd` | 109 business days | ⚠️ at risk |",
    );
    expect(body.body).toContain('"Waiting on changes" : 1');
  });

  it("a second dry run on the same store sends the same writes: dry-run publications are not stored", async () => {
    const first = await dryRun("2019-10-02T12:00:00Z");
    const again = await replay([join(dir, "chain.jsonl")], {
      db: join(dir, "x.db"),
      now: "2019-10-02T12:00:00Z",
      dryRun: true,
      out: join(dir, "again.jsonl"),
    });
    expect(again).toBe(0);
    const second = readFileSync(join(dir, "again.jsonl"), "utf8").split("\n").filter(Boolean);
    expect(second.map((line) => JSON.parse(line))).toEqual(first);
  });
});
