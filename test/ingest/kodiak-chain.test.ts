import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestDelivery } from "../../src/ingest/index.js";
import { kodiakChain } from "../helpers/fixtures.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";

const INSTALLATION = 848733;
const PR_9 = 274948232;

describe("the kodiak recording of PR #9", () => {
  let ctx: TempStore;
  beforeEach(async () => {
    ctx = await tempStore();
    for (const delivery of kodiakChain())
      expect((await ingestDelivery(ctx.store, delivery)).status).toBe("applied");
  });
  afterEach(() => ctx.cleanup());

  it("yields the PR with its milestone and due date", async () => {
    const pr = await ctx.store.getPullRequest(INSTALLATION, PR_9);
    expect(pr).toMatchObject({
      number: 9,
      title: "Create main.py",
      author: { login: "chdsbd", type: "User" },
      state: "open",
      draft: false,
      headSha: "da14dfc294d49d554f189965f9abd4ed9eea524e",
      baseRef: "master",
      readyAt: Date.parse("2019-05-01T03:22:03Z"),
    });
    const [repository] = await ctx.store.findRepositories("chdsbd/test_repo");
    const milestones = await ctx.store.listMilestones(INSTALLATION, repository?.repositoryId ?? -1);
    expect(milestones).toHaveLength(1);
    expect(milestones[0]).toMatchObject({
      milestoneId: pr?.milestoneId,
      title: "test milestone",
      state: "open",
      dueOn: Date.parse("2019-10-04T07:00:00Z"),
    });
  });

  it("yields one review request and three reviews with their exact submitted_at", async () => {
    const requests = await ctx.store.listReviewRequests(INSTALLATION, [PR_9]);
    expect(requests).toEqual([
      expect.objectContaining({
        reviewer: "sbdchd",
        reviewerType: "User",
        requestedBy: "chdsbd",
        requestedAt: Date.parse("2019-05-01T03:22:03Z"),
        removedAt: null,
      }),
    ]);
    const reviews = await ctx.store.listReviews(INSTALLATION, [PR_9]);
    expect(
      reviews.map((r) => [r.reviewer.login, r.state, new Date(r.submittedAt).toISOString()]),
    ).toEqual([
      ["sbdchd", "CHANGES_REQUESTED", "2019-05-01T03:25:33.000Z"],
      ["sbdchd", "COMMENTED", "2019-05-01T03:25:42.000Z"],
      ["sbdchd", "APPROVED", "2019-05-01T03:26:40.000Z"],
    ]);
  });

  it("yields the same rows when a review arrives before the PR was opened", async () => {
    const other = await tempStore();
    try {
      for (const delivery of kodiakChain().reverse()) await ingestDelivery(other.store, delivery);
      expect(await other.store.getPullRequest(INSTALLATION, PR_9)).toEqual(
        await ctx.store.getPullRequest(INSTALLATION, PR_9),
      );
      expect(await other.store.listReviews(INSTALLATION, [PR_9])).toEqual(
        await ctx.store.listReviews(INSTALLATION, [PR_9]),
      );
    } finally {
      await other.cleanup();
    }
  });
});
