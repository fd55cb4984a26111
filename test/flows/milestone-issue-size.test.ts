import nock from "nock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/index.js";
import { updateReleaseReadiness } from "../../src/flows/index.js";
import { octokitTarget } from "../../src/github/index.js";
import { type Delivery, ingestDelivery } from "../../src/ingest/index.js";
import { GITHUB_BODY_LIMIT } from "../../src/markdown/index.js";
import { kodiakChain } from "../helpers/fixtures.js";
import { fakeGitHub } from "../helpers/github/index.js";
import { TestOctokit } from "../helpers/probot-server.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";

const OPEN = 3_000;
// Near GitHub's 256-character title limit, with characters that escaping makes longer.
const LONG_TITLE = `Refactor the *storage* layer | keep [links] and \`code\` inert ${"x_".repeat(90)}`;

const [OPENED] = kodiakChain();

/** The recorded `opened` delivery of PR #9 in "test milestone", as pull request #n. */
function openedCopy(n: number, action = "opened"): Delivery {
  const payload = structuredClone(OPENED?.payload) as {
    action: string;
    pull_request: Record<string, unknown> & { head: { sha: string } };
  };
  payload.action = action;
  Object.assign(payload.pull_request, {
    id: 900_000_000 + n,
    number: 1_000 + n,
    node_id: `PR_copy_${n}`,
    title: `${LONG_TITLE} ${n}`.slice(0, 256),
  });
  payload.pull_request.head.sha = n.toString(16).padStart(40, "0");
  if (action === "closed")
    Object.assign(payload.pull_request, {
      state: "closed",
      closed_at: "2019-10-02T13:00:00Z",
      updated_at: "2019-10-02T13:00:00Z",
    });
  return {
    name: "pull_request",
    id: `copy-${action}-${n}`,
    payload,
    receivedAt: Date.parse("2019-10-01T00:00:00Z"),
  };
}

describe("the milestone issue of a milestone with thousands of open pull requests", () => {
  let ctx: TempStore;
  const github = fakeGitHub();
  let milestoneId = 0;

  beforeAll(async () => {
    nock.disableNetConnect();
    ctx = await tempStore();
    // Together, as a burst arrives: the store commits them in shared transactions.
    await Promise.all(
      Array.from({ length: OPEN }, (_, i) => ingestDelivery(ctx.store, openedCopy(i + 1))),
    );
    const [repository] = await ctx.store.findRepositories("chdsbd/test_repo");
    const [milestone] = await ctx.store.listMilestones(
      repository?.installationId ?? 0,
      repository?.repositoryId ?? 0,
    );
    milestoneId = milestone?.milestoneId ?? 0;
  });
  afterAll(async () => {
    github.stop();
    nock.enableNetConnect();
    await ctx.cleanup();
  });

  async function publish(now: string) {
    const [repository] = await ctx.store.findRepositories("chdsbd/test_repo");
    if (!repository) throw new Error("the recording names chdsbd/test_repo");
    const writes = github.writes.length;
    await updateReleaseReadiness(
      {
        store: ctx.store,
        target: octokitTarget(new TestOctokit({ auth: "test" })),
        installationId: repository.installationId,
        now: Date.parse(now),
      },
      { repository, milestoneIds: [milestoneId] },
      { config: async () => parseConfig(null), webUrl: "https://github.com" },
    );
    return github.writes.slice(writes).map((w) => `${w.method} ${w.path}`);
  }

  /** The issue and its comments in order, as a reader sees them. */
  const parts = () => [
    ...github.issues.map((issue) => issue.body),
    ...github.comments.map((comment) => comment.body),
  ];
  const listed = () =>
    parts()
      .join("\n")
      .match(/\[#\d+\]/g)
      ?.map((link) => Number(link.slice(2, -1))) ?? [];

  it("lists every open pull request, each part within GitHub's 65,535 characters", async () => {
    const sent = await publish("2019-10-02T12:00:00Z");
    expect(sent[0]).toBe("POST /repos/chdsbd/test_repo/issues");
    expect(
      sent.slice(1).every((write) => write === "POST /repos/chdsbd/test_repo/issues/1/comments"),
    ).toBe(true);
    expect(github.issues.length).toBe(1);
    expect(github.comments.length).toBeGreaterThanOrEqual(10);
    for (const body of parts()) expect(body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(listed()).toEqual(Array.from({ length: OPEN }, (_, i) => 1_001 + i));
    const [first] = parts();
    expect(first).toContain(`_Continued in the ${github.comments.length} comments below._`);
    expect(parts()[1]).toMatch(
      /^<!-- probot-expectations:release-readiness:milestone:\d+:part-2 -->\n_Release readiness, part 2 of \d+\._/,
    );
    // Every part's table starts with its header again.
    for (const body of parts().slice(1))
      expect(body).toContain(
        "| PR | Author | Waiting on | Age | State |\n| --- | --- | --- | --- | --- |",
      );
  });

  it("sends nothing when nothing changed, edits in place, and deletes parts it no longer needs", async () => {
    expect(await publish("2019-10-02T12:00:00Z")).toEqual([]);

    // All but ten are closed: the issue shrinks to one body.
    await Promise.all(
      Array.from({ length: OPEN - 10 }, (_, i) =>
        ingestDelivery(ctx.store, openedCopy(i + 11, "closed")),
      ),
    );
    const comments = github.comments.length;
    const sent = await publish("2019-10-02T14:00:00Z");
    expect(sent[0]).toBe("PATCH /repos/chdsbd/test_repo/issues/1");
    expect(sent.slice(1)).toEqual(
      Array.from({ length: comments }, () =>
        expect.stringMatching(/^DELETE \/repos\/chdsbd\/test_repo\/issues\/comments\/\d+$/),
      ),
    );
    expect(github.issues.length).toBe(1);
    expect(github.comments.length).toBe(0);
    expect(listed()).toEqual(Array.from({ length: 10 }, (_, i) => 1_001 + i));
    expect(parts()[0]).not.toContain("Continued");
  });
});
