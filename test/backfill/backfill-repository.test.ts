import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type BackfillRepositoryOptions,
  BackfillSupersededError,
  backfillRepository,
  createRateLimitBudget,
  RateLimitedError,
  RepositoryNotFoundError,
} from "../../src/backfill/index.js";
import { ingestDelivery } from "../../src/ingest/index.js";
import type { ActivityTable, IssueCommentRecord, Store } from "../../src/store/index.js";
import { cursorAt, historyGitHub } from "../helpers/github/index.js";
import { TestOctokit } from "../helpers/probot-server.js";
import { tempPostgresStore } from "../helpers/temp-postgres.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";
import { type History, webhookDeliveries } from "./history.js";
import { PR_ID_BASE, sampleHistory } from "./sample-history.js";

/**
 * The rows a store holds, without the version hash: that hash is of the payload a row was last
 * written from, and review payloads carry no `merged_by`, so it differs by source while every
 * column agrees.
 */
async function rows(store: Store) {
  const dump = await store.dumpActivity();
  return Object.fromEntries(
    Object.entries(dump).map(([table, list]) => [
      table,
      list.map((row) => {
        const { versionHash: _hash, ...rest } = JSON.parse(row);
        return rest;
      }),
    ]),
  );
}

async function replayed(history: History) {
  const ctx = await tempStore();
  for (const delivery of webhookDeliveries(history)) {
    const outcome = await ingestDelivery(ctx.store, delivery);
    expect(outcome.status, delivery.id).toBe("applied");
  }
  return ctx;
}

/** A clock that only moves when the backfill sleeps, and the sleeps it was asked for. */
function fakeTime(start: string) {
  let now = Date.parse(start);
  const sleeps: number[] = [];
  return {
    clock: () => new Date(now),
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    advance: (ms: number) => {
      now += ms;
    },
    sleeps,
  };
}

const SINCE = Date.parse("2026-01-01T00:00:00Z");

describe("backfill of one repository through GraphQL", () => {
  let ctx: TempStore;
  let time: ReturnType<typeof fakeTime>;
  const stores: { cleanup: () => Promise<void> }[] = [];

  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  beforeEach(async () => {
    ctx = await tempStore();
    time = fakeTime("2026-11-27T12:20:00Z");
  });
  afterEach(async () => {
    nock.cleanAll();
    await ctx.cleanup();
    for (const store of stores.splice(0)) await store.cleanup();
  });

  function options(
    history: History,
    overrides: Partial<BackfillRepositoryOptions> = {},
  ): BackfillRepositoryOptions {
    return {
      store: ctx.store,
      github: new TestOctokit({ auth: { token: "ghs_test" } }),
      budget: createRateLimitBudget({ clock: time.clock, sleep: time.sleep }),
      installationId: history.installationId,
      owner: history.repository.owner,
      name: history.repository.name,
      since: SINCE,
      clock: time.clock,
      ...overrides,
    };
  }

  it("stores what replaying the webhooks stores, with ceil(N/50) requests plus one per long timeline", async () => {
    const history = sampleHistory({ pullRequests: 120, issues: 30, longTimeline: 150 });
    const fake = historyGitHub(history);
    const webhooks = await replayed(history);
    stores.push(webhooks);

    const summary = await backfillRepository(options(history));

    expect(await rows(ctx.store)).toEqual(await rows(webhooks.store));
    // 120 PRs: 3 pages of 50 (issues and open-but-stale items ride along), PR #1's 150+ reviews: 1.
    expect(fake.graphqlCalls.map((c) => c.operation)).toEqual([
      "RepositoryPage",
      "RepositoryPage",
      "RepositoryPage",
      "PullRequestTimeline",
    ]);
    expect(fake.graphqlCalls.length).toBeLessThanOrEqual(Math.ceil(120 / 50) + 1);
    expect(fake.reads).toHaveLength(1);
    expect(summary).toMatchObject({
      repository: "acme/widgets",
      repositoryId: 555_001,
      mode: "fresh",
      complete: true,
      pages: 3,
      graphqlRequests: 4,
      restRequests: 1,
      points: 4,
      pullRequests: 120,
      issues: 30,
    });
  });

  it("stores a NUL in a title on PostgreSQL as the webhooks store it on SQLite: U+FFFD in its place", async () => {
    const history = sampleHistory({ pullRequests: 3, issues: 2 });
    const [first] = history.pullRequests;
    const [issue] = history.issues;
    const [milestone] = history.milestones;
    if (!first || !issue || !milestone) throw new Error("the sample history has no items");
    first.title = "Fix\u0000crash";
    issue.title = "\u0000";
    milestone.title = "v1.0\u0000";
    historyGitHub(history);
    const webhooks = await replayed(history);
    stores.push(webhooks);
    const postgres = await tempPostgresStore();
    stores.push(postgres);

    await backfillRepository(options(history, { store: postgres.store }));

    const backfilled = await rows(postgres.store);
    expect(backfilled).toEqual(await rows(webhooks.store));
    expect(backfilled.pull_requests?.map((row: { title: string }) => row.title)).toContain(
      "Fix\uFFFDcrash",
    );
    expect(backfilled.milestones?.map((row: { title: string }) => row.title)).toContain(
      "v1.0\uFFFD",
    );
  });

  it("keeps GitHub's identities and verdicts: bots, deleted users, teams, dismissed reviews", async () => {
    const history = sampleHistory({ pullRequests: 22, issues: 0 });
    historyGitHub(history);
    await backfillRepository(options(history));
    const { store } = ctx;
    const installation = history.installationId;
    expect((await store.getPullRequest(installation, PR_ID_BASE + 3))?.author).toEqual({
      login: "renovate[bot]",
      type: "Bot",
    });
    expect((await store.getPullRequest(installation, PR_ID_BASE + 17))?.author).toEqual({
      login: "ghost",
      type: "User",
    });
    // #13 was merged by the bot; #10 was opened as a draft, ready at +2h, draft again, ready at +5h.
    expect((await store.getPullRequest(installation, PR_ID_BASE + 13))?.mergedBy).toBe(
      "renovate[bot]",
    );
    expect((await store.getPullRequest(installation, PR_ID_BASE + 10))?.readyAt).toBe(
      Date.parse("2026-03-04T23:00:00Z"),
    );
    const requests = await store.listReviewRequests(installation, [PR_ID_BASE + 4]);
    expect(requests.map((r) => [r.reviewer, r.reviewerType, r.requestedBy])).toEqual([
      ["@acme/core", "Team", "alice"],
      ["bob", "User", "alice"],
    ]);
    // #11's review was approved, then dismissed: it stays an approval, marked dismissed.
    const [dismissed] = await store.listReviews(installation, [PR_ID_BASE + 11]);
    expect(dismissed).toMatchObject({ state: "APPROVED", dismissed: true });
    // #14 (by dave): requested, removed after 30 minutes, requested again by carol at +3h.
    const again = await store.listReviewRequests(installation, [PR_ID_BASE + 14]);
    expect(again.map((r) => [r.requestedBy, r.removedAt === null])).toEqual([
      ["dave", false],
      ["carol", true],
    ]);
  });

  it("pauses when the rate limit is nearly used up, then resumes at its reset", async () => {
    const history = sampleHistory({ pullRequests: 120, issues: 5 });
    const fake = historyGitHub(history, {
      rateLimit: (n) =>
        n < 2
          ? { cost: 1, remaining: n === 0 ? 180 : 60, resetAt: "2026-11-27T13:00:00Z" }
          : { cost: 1, remaining: 4999, resetAt: "2026-11-27T14:00:00Z" },
    });
    const webhooks = await replayed(history);
    stores.push(webhooks);
    const pauses: { until: Date; remaining: number }[] = [];
    let callsAtPause = -1;
    const budget = createRateLimitBudget({
      clock: time.clock,
      sleep: async (ms) => {
        callsAtPause = fake.graphqlCalls.length;
        await time.sleep(ms);
      },
      onPause: (pause) => pauses.push(pause),
    });

    const summary = await backfillRepository(options(history, { budget }));

    // 60 points left, 100 kept in reserve: wait from 12:20 until a second after the 13:00 reset.
    expect(pauses).toEqual([{ until: new Date("2026-11-27T13:00:00Z"), remaining: 60 }]);
    expect(time.sleeps).toEqual([40 * 60_000 + 1000]);
    expect(callsAtPause).toBe(2);
    expect(summary.complete).toBe(true);
    expect(fake.graphqlCalls).toHaveLength(3);
    expect(await rows(ctx.store)).toEqual(await rows(webhooks.store));
  });

  it("waits out a RATE_LIMITED answer and sends the same page again", async () => {
    const history = sampleHistory({ pullRequests: 60, issues: 0 });
    const reset = Date.parse("2026-11-27T12:50:00Z") / 1000;
    const fake = historyGitHub(history, {
      override: (n) =>
        n === 1
          ? [
              200,
              {
                data: null,
                errors: [
                  {
                    type: "RATE_LIMITED",
                    message: "API rate limit exceeded for installation ID 4242.",
                  },
                ],
              },
              { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) },
            ]
          : undefined,
    });
    const summary = await backfillRepository(options(history));
    expect(time.sleeps).toEqual([30 * 60_000 + 1000]);
    expect(fake.graphqlCalls[2]?.variables.pullRequestsAfter).toBe(
      fake.graphqlCalls[1]?.variables.pullRequestsAfter,
    );
    expect(summary).toMatchObject({ complete: true, pullRequests: 60 });
  });

  it("stops with the reset time when the wait would be too long, keeping the pages it finished", async () => {
    const history = sampleHistory({ pullRequests: 120, issues: 0 });
    historyGitHub(history, {
      rateLimit: () => ({ cost: 1, remaining: 20, resetAt: "2026-11-27T13:00:00Z" }),
    });
    const budget = createRateLimitBudget({
      clock: time.clock,
      sleep: time.sleep,
      maxWaitMs: 10 * 60_000,
    });
    const error = await backfillRepository(options(history, { budget })).catch((e) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.message).toContain("until 2026-11-27T13:00:00.000Z");
    expect(time.sleeps).toEqual([]);
    expect(await count(ctx.store, "pull_requests")).toBe(50);
  });

  it("resumes after a crash from the last committed page, and ends with the webhook rows", async () => {
    const history = sampleHistory({ pullRequests: 120, issues: 30, longTimeline: 150 });
    const webhooks = await replayed(history);
    stores.push(webhooks);
    let fake = historyGitHub(history, {
      override: (n) => (n === 2 ? [502, { message: "Server Error" }] : undefined),
    });
    await expect(backfillRepository(options(history))).rejects.toMatchObject({ status: 502 });
    expect(await count(ctx.store, "pull_requests")).toBe(100);
    expect(await count(ctx.store, "issues")).toBe(30);

    nock.cleanAll();
    fake = historyGitHub(history);
    const summary = await backfillRepository(options(history));

    expect(summary).toMatchObject({ mode: "resume", complete: true, pages: 1, pullRequests: 20 });
    // Page 3 of pull requests only; issues and open-but-stale items were done with page 1.
    expect(fake.graphqlCalls[0]?.variables).toMatchObject({
      pullRequestsAfter: cursorAt(100),
      withPullRequests: true,
      withIssues: false,
      withStale: false,
    });
    expect(fake.graphqlCalls.map((c) => c.operation)).toEqual([
      "RepositoryPage",
      "PullRequestTimeline",
    ]);
    expect(await rows(ctx.store)).toEqual(await rows(webhooks.store));
  });

  it("stops between pages when asked (Ctrl-C) and resumes where it stopped", async () => {
    const history = sampleHistory({ pullRequests: 120, issues: 0 });
    const webhooks = await replayed(history);
    stores.push(webhooks);
    const fake = historyGitHub(history);
    let pages = 0;
    const first = await backfillRepository(
      options(history, { onProgress: () => pages++, shouldStop: () => pages >= 1 }),
    );
    expect(first).toMatchObject({ complete: false, pages: 1, pullRequests: 50 });
    const second = await backfillRepository(options(history));
    expect(second).toMatchObject({ mode: "resume", complete: true, pages: 2, pullRequests: 70 });
    expect(fake.graphqlCalls).toHaveLength(3);
    expect(await rows(ctx.store)).toEqual(await rows(webhooks.store));
  });

  it("changes nothing when run again, and asks only for what changed since the last run", async () => {
    const history = sampleHistory({ pullRequests: 60, issues: 10 });
    const fake = historyGitHub(history);
    await backfillRepository(options(history));
    const before = await ctx.store.dumpActivity();
    const calls = fake.graphqlCalls.length;

    time.advance(86_400_000);
    const again = await backfillRepository(options(history));

    expect(again).toMatchObject({ mode: "update", complete: true, pages: 1, pullRequests: 0 });
    expect(fake.graphqlCalls.length - calls).toBe(1);
    // From ten minutes before the previous run started; nothing is that recent.
    expect(fake.graphqlCalls.at(-1)?.variables).toMatchObject({
      since: "2026-11-27T12:10:00Z",
      withStale: false,
    });
    expect(await ctx.store.dumpActivity()).toEqual(before);
  });

  it("looks up a milestone created after the list was read, and stores it", async () => {
    const history = sampleHistory({ pullRequests: 60, issues: 12 });
    history.pullRequests[5]?.events.push({
      kind: "milestoned",
      at: "2026-03-04T22:00:00Z",
      by: { login: "carol", id: 103, type: "User" },
      milestone: 2,
    });
    const webhooks = await replayed(history);
    stores.push(webhooks);
    const fake = historyGitHub(history, { unlisted: [2] });
    await backfillRepository(options(history));
    expect(fake.reads.map((call) => call.split("?")[0])).toEqual([
      "GET /repos/acme/widgets/milestones",
      "GET /repos/acme/widgets/milestones/2",
    ]);
    expect(await rows(ctx.store)).toEqual(await rows(webhooks.store));
    expect((await ctx.store.getPullRequest(4242, PR_ID_BASE + 6))?.milestoneId).toBe(7002);
  });

  it("takes items updated since `since`, and open ones however old", async () => {
    const history = sampleHistory({ pullRequests: 60, issues: 12 });
    const fake = historyGitHub(history);
    const since = Date.parse("2026-03-10T00:00:00Z");
    await backfillRepository(options(history, { since }));

    expect(fake.graphqlCalls[0]?.variables.staleQuery).toBe(
      "repo:acme/widgets is:open updated:<2026-03-10T00:00:00Z",
    );
    // PR i opens at 2026-03-02T09:00Z + 6h*i and is closed a day later; #9, #19 and #27 stay
    // open with their last change within 20 hours. #28 is the first one updated since.
    const numbers = (await stored<{ number: number }>(ctx.store, "pull_requests"))
      .map((r) => r.number)
      .sort((a, b) => a - b);
    expect(numbers.filter((n) => n < 28)).toEqual([9, 19, 27]);
    expect(numbers.filter((n) => n >= 28)).toEqual(Array.from({ length: 33 }, (_, k) => 28 + k));
    // Issue j opens at 09:30 + 10h*j, last changed 3 hours (or, when j % 5 = 0, two days) later:
    // none since 2026-03-10, and the open ones (j not a multiple of 5) are kept however old.
    const issues = (await stored<{ number: number }>(ctx.store, "issues"))
      .map((r) => r.number - 1000)
      .sort((a, b) => a - b);
    expect(issues).toEqual([1, 2, 3, 4, 6, 7, 8, 9, 11, 12]);
  });

  it("follows an issue's comments past 100 only while no member has answered", async () => {
    const history = sampleHistory({ pullRequests: 0, issues: 3, longIssue: 130 });
    const webhooks = await replayed(history);
    stores.push(webhooks);
    const fake = historyGitHub(history);
    await backfillRepository(options(history));
    expect(fake.graphqlCalls.map((c) => c.operation)).toEqual(["RepositoryPage", "IssueComments"]);
    expect(await rows(ctx.store)).toEqual(await rows(webhooks.store));
    // The member's answer, the 131st comment of #1001, is what the metrics need.
    expect(await answersBy(ctx.store, "bob", 3_100_000_001)).toEqual([
      Date.parse("2026-03-02T22:30:00Z") + 130 * 60_000,
    ]);
  });

  it("does not page through an issue's comments once a member has answered", async () => {
    const history = sampleHistory({ pullRequests: 0, issues: 1, longIssue: 130 });
    const issue = history.issues[0] as History["issues"][number];
    const answer = { ...(issue.comments.at(-1) as (typeof issue.comments)[number]) };
    answer.at = (issue.comments[4] as (typeof issue.comments)[number]).at.replace(":00Z", ":30Z");
    issue.comments.splice(5, 0, answer);
    issue.comments.pop();
    const fake = historyGitHub(history);
    await backfillRepository(options(history));
    expect(fake.graphqlCalls.map((c) => c.operation)).toEqual(["RepositoryPage"]);
    expect(await count(ctx.store, "issue_comments")).toBe(100);
    expect(await answersBy(ctx.store, "bob", issue.id)).toEqual([Date.parse(answer.at)]);
  });

  it("stops without writing when the repository is removed from the installation meanwhile", async () => {
    const history = sampleHistory({ pullRequests: 120, issues: 0 });
    historyGitHub(history);
    const error = await backfillRepository(
      options(history, {
        onProgress: () => {
          // The installation_repositories.removed delivery purges the repository between pages.
          void ctx.store.applyChanges([
            { kind: "repository_removed", installationId: 4242, repositoryId: 555_001, at: 0 },
          ]);
        },
      }),
    ).catch((e) => e);
    expect(error).toBeInstanceOf(BackfillSupersededError);
    expect(await count(ctx.store, "pull_requests")).toBe(0);
    expect(await ctx.store.getBackfillCursor(4242, 555_001, "graphql")).toBeUndefined();
  });

  it("says so in one line when the repository does not exist or cannot be read", async () => {
    const history = sampleHistory({ pullRequests: 1, issues: 0 });
    historyGitHub(history);
    const error = await backfillRepository({ ...options(history), name: "gone" }).catch((e) => e);
    expect(error).toBeInstanceOf(RepositoryNotFoundError);
    expect(error.message).toBe(
      "repository acme/gone was not found, or these credentials cannot read it",
    );
  });
});

async function stored<T>(store: Store, table: ActivityTable): Promise<T[]> {
  return (await store.dumpActivity())[table].map((row) => JSON.parse(row) as T);
}

async function count(store: Store, table: ActivityTable): Promise<number> {
  return (await stored(store, table)).length;
}

/** When `login` commented on the issue, as stored. */
async function answersBy(store: Store, login: string, issueId: number): Promise<number[]> {
  return (await stored<IssueCommentRecord>(store, "issue_comments"))
    .filter((comment) => comment.issueId === issueId && comment.author.login === login)
    .map((comment) => comment.createdAt);
}
