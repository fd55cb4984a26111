import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { publishReviewActivityReport } from "../../src/flows/index.js";
import type { GitHubTarget, GitHubWrite } from "../../src/github/index.js";
import { GITHUB_BODY_LIMIT } from "../../src/markdown/index.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";
import { activity, pullRequest, review } from "../metrics/activity-builder.js";
import { defaults, reportOf } from "../reports/report-fixture.js";

/** GitHub's issues and comments in memory: what a reader of the repository would see. */
function memoryGitHub() {
  const writes: GitHubWrite[] = [];
  const issues = new Map<number, { title: string; body: string; state: string }>();
  const comments = new Map<number, { issue: number; body: string }>();
  let next = 1;
  const target: GitHubTarget = {
    async send(write) {
      writes.push(write);
      const body = write.body as Record<string, string>;
      const id = Number(write.path.split("/").at(-1));
      if (write.method === "POST" && write.path.endsWith("/issues")) {
        const number = next++;
        issues.set(number, { title: body.title ?? "", body: body.body ?? "", state: "open" });
        return { number };
      }
      if (write.method === "POST" && write.path.endsWith("/comments")) {
        const commentId = next++;
        comments.set(commentId, {
          issue: Number(write.path.split("/").at(-2)),
          body: body.body ?? "",
        });
        return { id: commentId };
      }
      if (write.method === "PATCH" && write.path.includes("/issues/comments/")) {
        Object.assign(comments.get(id) ?? {}, body);
        return {};
      }
      if (write.method === "PATCH") {
        Object.assign(issues.get(id) ?? {}, body);
        return {};
      }
      if (write.method === "DELETE") comments.delete(id);
      return {};
    },
    async read() {
      return [];
    },
  };
  return { target, writes, issues, comments };
}

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
  afterEach(() => ctx.cleanup());

  it("continues in comments, sends nothing when unchanged, and removes parts it no longer needs", async () => {
    const github = memoryGitHub();
    const publish = (n: number) =>
      publishReviewActivityReport(
        {
          store: ctx.store,
          target: github.target,
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
      github.issues.get(first.issue)?.body ?? "",
      ...[...github.comments.values()].map((c) => c.body),
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
    expect(github.comments.size).toBe(1);
    const after = [
      github.issues.get(first.issue)?.body ?? "",
      ...[...github.comments.values()].map((c) => c.body),
    ];
    expect(
      after
        .join("\n")
        .split("\n")
        .filter((line) => line.startsWith("| `reviewer-with")),
    ).toHaveLength(1200);
  });
});
