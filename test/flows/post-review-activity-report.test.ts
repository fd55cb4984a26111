import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { postReportIssue } from "../../src/flows/index.js";
import { octokitTarget } from "../../src/github/index.js";
import { GITHUB_BODY_LIMIT } from "../../src/markdown/index.js";
import { fakeGitHub } from "../helpers/github/index.js";
import { TestOctokit } from "../helpers/probot-server.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";
import { activity, pullRequest, review } from "../metrics/activity-builder.js";
import { defaults, reportOf } from "../reports/report-fixture.js";

const people = (n: number) =>
  activity({
    pullRequests: [pullRequest(1, "alice", "2024-07-01 09:00")],
    reviews: Array.from({ length: n }, (_, i) =>
      review(1, `reviewer-with-a-long-login-${i}`, "2024-07-02 10:00"),
    ),
  });

describe("publishing a report longer than an issue body", () => {
  let ctx: TempStore;
  beforeEach(async () => {
    ctx = await tempStore();
  });
  afterEach(async () => {
    nock.cleanAll();
    await ctx.cleanup();
  });
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());

  it("continues in comments, sends nothing when unchanged, and removes parts it no longer needs", async () => {
    const github = fakeGitHub();
    const publish = (n: number) =>
      postReportIssue(
        {
          store: ctx.store,
          target: octokitTarget(new TestOctokit({ auth: "test" })),
          installationId: 1,
          now: Date.parse("2024-07-09T00:00:00Z"),
        },
        { owner: "acme", repo: "storage" },
        reportOf(people(n)),
        defaults(),
      );

    const first = await publish(3000);
    expect(first.result).toBe("created");
    expect(first.comments).toBeGreaterThanOrEqual(3);
    const bodies = [
      github.issues.find((issue) => issue.number === first.issue)?.body ?? "",
      ...github.comments.map((c) => c.body),
    ];
    for (const body of bodies) expect(body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(bodies[0]).toContain(`Continued in the ${first.comments} comments below.`);
    expect(bodies[1]).toContain(`Review activity, part 2 of ${first.comments + 1}.`);
    // Every person is in exactly one of the bodies.
    const rows = bodies
      .join("\n")
      .split("\n")
      .filter((line) => line.startsWith("| `reviewer-with"));
    expect(rows).toHaveLength(3000);

    const sent = github.writes.length;
    expect((await publish(3000)).result).toBe("unchanged");
    expect(github.writes.length).toBe(sent);

    // Fewer people: the issue and the first comment are edited, the rest deleted.
    await publish(1200);
    const later = github.writes.slice(sent).map((w) => w.method);
    expect(later.filter((m) => m === "POST")).toEqual([]);
    expect(later.filter((m) => m === "DELETE").length).toBe(first.comments - 1);
    expect(github.comments.length).toBe(1);
    const after = [
      github.issues.find((issue) => issue.number === first.issue)?.body ?? "",
      ...github.comments.map((c) => c.body),
    ];
    expect(
      after
        .join("\n")
        .split("\n")
        .filter((line) => line.startsWith("| `reviewer-with")),
    ).toHaveLength(1200);
  });
});
