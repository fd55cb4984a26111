import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type BackfillRepositoryOptions,
  backfillRepository,
  createRateLimitBudget,
  findInstallation,
  GitHubReplyError,
  listOwnerRepositories,
} from "../../src/backfill/index.js";
import { cursorAt, type HistoryApiOptions, historyGitHub } from "../helpers/github/index.js";
import { TestOctokit } from "../helpers/probot-server.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";
import { PR_ID_BASE, sampleHistory } from "./sample-history.js";

type Json = Record<string, unknown>;
const INSTALLATION = 4242;
const REPOSITORY = 555_001;
const SINCE = Date.parse("2026-01-01T00:00:00Z");
const NOW = new Date("2026-11-27T12:20:00Z");

// 60 pull requests (two pages), #1 with a 150-review timeline, 6 issues (one with 130 comments).
const history = sampleHistory({ pullRequests: 60, issues: 6, longTimeline: 150, longIssue: 130 });

const at = (value: unknown, ...path: (string | number)[]): Json =>
  path.reduce<unknown>((node, key) => (node as Json)[key as string], value) as Json;
/** The n-th pull request of a RepositoryPage answer (newest update first). */
const pullRequest = (data: Json, n: number) => at(data, "repository", "pullRequests", "nodes", n);
const numbered = (data: Json, number: number) =>
  (at(data, "repository", "pullRequests", "nodes") as unknown as Json[]).find(
    (node) => node.number === number,
  ) as Json;

function options(store: Awaited<ReturnType<typeof tempStore>>["store"]): BackfillRepositoryOptions {
  return {
    store,
    github: new TestOctokit({ auth: { token: "ghs_test" } }),
    budget: createRateLimitBudget({ clock: () => NOW, sleep: async () => {} }),
    installationId: INSTALLATION,
    owner: "acme",
    name: "widgets",
    since: SINCE,
    clock: () => NOW,
  };
}

describe("GitHub's replies are parsed before anything of them is stored", () => {
  let clean: TempStore;
  let ctx: TempStore;

  beforeAll(async () => {
    clean = await tempStore();
    nock.disableNetConnect();
    // What a backfill that never met a bad reply stores.
    historyGitHub(history);
    expect(await backfillRepository(options(clean.store))).toMatchObject({ complete: true });
    nock.cleanAll();
  });
  afterAll(async () => {
    nock.enableNetConnect();
    await clean.cleanup();
  });
  beforeEach(async () => {
    ctx = await tempStore();
  });
  afterEach(async () => {
    nock.cleanAll();
    await ctx.cleanup();
  });

  const stored = () => ctx.store.dumpActivity();
  const nothingStored = async () =>
    Object.fromEntries(Object.keys(await stored()).map((t) => [t, []]));

  /** Runs against a GitHub that answers like this, then against a healthy one. */
  async function failThenRecover(fake: HistoryApiOptions) {
    historyGitHub(history, fake);
    const error = await backfillRepository(options(ctx.store)).catch((e: unknown) => e);
    nock.cleanAll();
    return error as Error;
  }

  async function recovers() {
    historyGitHub(history);
    expect(await backfillRepository(options(ctx.store))).toMatchObject({
      complete: true,
      incomplete: [],
    });
    expect(await stored()).toEqual(await clean.store.dumpActivity());
  }

  it("never stores a row under repository 0, an id 0 or a missing time, on a clean run", async () => {
    const rows = Object.values(await clean.store.dumpActivity()).flat();
    expect(rows.length).toBeGreaterThan(300);
    for (const row of rows.map((text) => JSON.parse(text as string) as Json)) {
      if ("repositoryId" in row) expect(row.repositoryId).toBe(REPOSITORY);
      for (const [field, value] of Object.entries(row))
        if (/Id$/.test(field) && field !== "commitId") expect(value, field).not.toBe(0);
    }
  });

  it.each<[string, (data: Json) => void, string]>([
    [
      "a pull request's fullDatabaseId is null",
      (data) => {
        pullRequest(data, 0).fullDatabaseId = null;
      },
      "repository.pullRequests.nodes[0].fullDatabaseId: expected a database id, got an empty value",
    ],
    [
      "a pull request's fullDatabaseId is a number",
      (data) => {
        pullRequest(data, 3).fullDatabaseId = 2_300_000_060;
      },
      "repository.pullRequests.nodes[3].fullDatabaseId: expected a database id, got 2300000060",
    ],
    [
      'a pull request\'s fullDatabaseId is "0"',
      (data) => {
        pullRequest(data, 1).fullDatabaseId = "0";
      },
      'repository.pullRequests.nodes[1].fullDatabaseId: expected a database id, got "0"',
    ],
    [
      "a merged pull request's mergedAt cannot be read",
      (data) => {
        numbered(data, 58).mergedAt = "last Tuesday";
      },
      'mergedAt: expected a date-time, got "last Tuesday"',
    ],
    [
      "a merged pull request has no mergedAt",
      (data) => {
        numbered(data, 58).mergedAt = null;
      },
      "mergedAt: expected a date-time: merged",
    ],
    [
      "a review's id is null",
      (data) => {
        const items = at(numbered(data, 58), "timelineItems", "nodes") as unknown as Json[];
        const review = items.find((item) => item.__typename === "PullRequestReview") as Json;
        review.fullDatabaseId = null;
      },
      "fullDatabaseId: expected a database id, got an empty value",
    ],
    [
      "a review's submittedAt is a number",
      (data) => {
        const items = at(numbered(data, 58), "timelineItems", "nodes") as unknown as Json[];
        const review = items.find((item) => item.__typename === "PullRequestReview") as Json;
        review.submittedAt = 1_772_445_600;
      },
      "submittedAt: expected a date-time, got 1772445600",
    ],
    [
      "a timeline item is of a type the query does not ask for",
      (data) => {
        const items = at(numbered(data, 58), "timelineItems", "nodes") as unknown as Json[];
        items.push({ __typename: "LabeledEvent", createdAt: "2026-03-16T09:00:00Z" });
      },
      "__typename: expected a timeline item the query asks for",
    ],
    [
      "a next page has no cursor",
      (data) => {
        at(data, "repository", "pullRequests", "pageInfo").endCursor = null;
      },
      "repository.pullRequests.pageInfo.endCursor: expected a cursor: there is a next page",
    ],
    [
      "an issue comment has no time",
      (data) => {
        const issues = at(data, "repository", "issues", "nodes") as unknown as Json[];
        const comment = at(issues[0], "comments", "nodes", 0);
        comment.createdAt = null;
      },
      "repository.issues.nodes[0].comments.nodes[0].createdAt: expected a date-time, got an empty value",
    ],
    [
      "the repository's id is 0",
      (data) => {
        at(data, "repository").databaseId = 0;
      },
      "repository.databaseId: expected a repository id, got 0",
    ],
  ])(
    "%s: that page fails naming the field and stores nothing; the rerun stores it all",
    async (_, edit, message) => {
      const error = await failThenRecover({ edit: (n, _call, data) => n === 0 && edit(data) });
      expect(error).toBeInstanceOf(GitHubReplyError);
      expect(error.message).toContain(message);
      expect(error.message).toMatch(
        /^GitHub's answer to the page of acme\/widgets does not fit at /,
      );
      expect(await stored()).toEqual(await nothingStored());
      expect(
        await ctx.store.getBackfillCursor(INSTALLATION, REPOSITORY, "graphql"),
      ).toBeUndefined();
      await recovers();
    },
  );

  it("a bad second page leaves the first page and its cursor as they were", async () => {
    const error = await failThenRecover({
      edit: (n, call, data) => {
        if (n === 2 && call.operation === "RepositoryPage") pullRequest(data, 0).createdAt = "";
      },
    });
    expect(error.message).toContain(
      'repository.pullRequests.nodes[0].createdAt: expected a date-time, got ""',
    );
    expect((await stored()).pull_requests).toHaveLength(50);
    const cursor = await ctx.store.getBackfillCursor(INSTALLATION, REPOSITORY, "graphql");
    expect(JSON.parse(cursor?.cursor ?? "{}").streams.pullRequests).toEqual({
      after: cursorAt(50),
      done: false,
    });
    expect(cursor?.done).toBe(false);
    await recovers();
  });

  it.each<[string, (listed: unknown[]) => unknown, string]>([
    [
      "not a list",
      () => ({ message: "Moved Permanently" }),
      "at (reply): expected a list of milestones, got a mapping",
    ],
    ["a milestone without an id", (listed) => [{ ...(listed[0] as Json), id: null }], "at [0].id:"],
  ])(
    'a milestones reply that is %s is an error, never "no milestones"',
    async (_, reply, message) => {
      const error = await failThenRecover({ milestoneList: reply });
      expect(error).toBeInstanceOf(GitHubReplyError);
      expect(error.message).toContain("GET /repos/acme/widgets/milestones (page 1)");
      expect(error.message).toContain(message);
      expect(await stored()).toEqual(await nothingStored());
      await recovers();
    },
  );

  it("a timeline follow-up that does not fit fails the page too", async () => {
    const error = await failThenRecover({
      edit: (_n, call, data) => {
        if (call.operation !== "PullRequestTimeline") return;
        (at(data, "node", "timelineItems", "nodes", 0) as Json).fullDatabaseId = "-1";
      },
    });
    expect(error.message).toContain(
      'GitHub\'s answer to the timeline of pull request #1 does not fit at node.timelineItems.nodes[0].fullDatabaseId: expected a database id, got "-1"',
    );
    expect((await stored()).pull_requests).toHaveLength(50);
    await recovers();
  });

  it.each<[string, HistoryApiOptions, string]>([
    [
      "answers 502",
      {
        override: (_n, call) =>
          call.operation === "PullRequestTimeline" ? [502, { message: "Bad Gateway" }] : undefined,
      },
      "the rest of its timeline: Bad Gateway",
    ],
    [
      "returns no node",
      {
        edit: (_n, call, data) => {
          if (call.operation === "PullRequestTimeline") data.node = null;
        },
      },
      "the rest of its timeline: GitHub returned nothing for it",
    ],
  ])(
    "a long timeline GitHub stops answering for (%s) leaves that pull request out and says so; the rerun fetches it",
    async (_, fake, reason) => {
      historyGitHub(history, fake);
      const first = await backfillRepository(options(ctx.store));
      nock.cleanAll();
      expect(first).toMatchObject({
        complete: false,
        incomplete: [{ kind: "pull_request", number: 1, reason: expect.stringContaining(reason) }],
      });
      // Not cut short: nothing of #1 is stored; everything else is.
      expect(await ctx.store.getPullRequest(INSTALLATION, PR_ID_BASE + 1)).toBeUndefined();
      expect((await stored()).pull_requests).toHaveLength(59);
      expect((await ctx.store.getBackfillCursor(INSTALLATION, REPOSITORY, "graphql"))?.done).toBe(
        false,
      );

      const healthy = historyGitHub(history);
      const second = await backfillRepository(options(ctx.store));
      expect(second).toMatchObject({
        mode: "resume",
        complete: true,
        incomplete: [],
        pullRequests: 1,
      });
      expect(healthy.graphqlCalls.map((call) => call.operation)).toEqual([
        "RepositoryPage",
        "Item",
        "PullRequestTimeline",
      ]);
      expect(await stored()).toEqual(await clean.store.dumpActivity());
    },
  );

  it("an issue whose comments GitHub stops answering for is left out and fetched again", async () => {
    historyGitHub(history, {
      override: (_n, call) =>
        call.operation === "IssueComments" ? [500, { message: "Something went wrong" }] : undefined,
    });
    const first = await backfillRepository(options(ctx.store));
    nock.cleanAll();
    expect(first.incomplete).toEqual([
      expect.objectContaining({
        kind: "issue",
        number: 1001,
        reason: expect.stringContaining("the rest of its comments:"),
      }),
    ]);
    expect((await stored()).issues).toHaveLength(
      (await clean.store.dumpActivity()).issues.length - 1,
    );
    await recovers();
  });

  it("an installation reply without its update time is an error, never time 0", async () => {
    nock("https://api.github.com")
      .get("/repos/acme/widgets/installation")
      .reply(200, {
        id: 4242,
        account: { login: "acme", type: "Organization" },
        suspended_at: null,
      });
    const error = await findInstallation(new TestOctokit({ auth: { token: "jwt" } }), {
      owner: "acme",
      name: "widgets",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubReplyError);
    expect((error as Error).message).toContain(
      "GET /repos/{owner}/{repo}/installation does not fit at updated_at: missing: expected a date-time",
    );
  });

  it("a repository list whose entry has no id is an error, never repository 0", async () => {
    nock("https://api.github.com")
      .get("/orgs/acme/repos")
      .query(true)
      .reply(200, [{ id: null, name: "widgets", owner: { login: "acme" }, archived: false }]);
    const error = await listOwnerRepositories(
      new TestOctokit({ auth: { token: "ghp_test" } }),
      "acme",
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubReplyError);
    expect((error as Error).message).toContain(
      "GET /orgs/{org}/repos (page 1) does not fit at [0].id: expected a repository id, got an empty value",
    );
  });
});
