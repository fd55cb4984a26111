import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { RateLimitedError } from "../../src/backfill/index.js";
import { backfill } from "../../src/cli/backfill.js";
import type { BackfillIO } from "../../src/cli/import-session.js";
import { reportFailure } from "../../src/cli/report-failure.js";
import { type ActivityTable, openStore, type PullRequestRow } from "../../src/store/index.js";
import { sampleHistory } from "../backfill/sample-history.js";
import { Captured } from "../helpers/captured-stream.js";
import { historyGitHub } from "../helpers/github/index.js";
import { TEST_PRIVATE_KEY, TestOctokit } from "../helpers/probot-server.js";

const history = sampleHistory({ pullRequests: 60, issues: 4 });

/** GitHub's answer to where the app is installed for the repository. */
const installation = (id: number) => ({
  status: 200,
  body: {
    id,
    account: { login: "acme", type: "Organization" },
    suspended_at: null,
    updated_at: "2026-11-01T08:00:00Z",
  },
});

describe("expectations backfill", () => {
  let dir: string;
  let db: string;
  let stdout: Captured;
  let stderr: Captured;
  let interrupt: () => void;

  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "expectations-cli-"));
    db = join(dir, "x.db");
    stdout = new Captured();
    stderr = new Captured();
  });
  afterEach(() => {
    nock.cleanAll();
    rmSync(dir, { recursive: true, force: true });
  });

  function io(env: Record<string, string>, overrides: Partial<BackfillIO> = {}): BackfillIO {
    return {
      env,
      stdout,
      stderr,
      clock: () => new Date("2026-11-27T12:00:00Z"),
      sleep: async () => {},
      Octokit: TestOctokit,
      onInterrupt: (stop) => {
        interrupt = stop;
        return () => {};
      },
      ...overrides,
    };
  }

  async function stored<T>(table: ActivityTable): Promise<T[]> {
    const store = await openStore({ path: db });
    try {
      return (await store.dumpActivity())[table].map((row) => JSON.parse(row) as T);
    } finally {
      await store.close();
    }
  }
  const installationsOfPullRequests = async () =>
    new Set((await stored<PullRequestRow>("pull_requests")).map((pr) => pr.installationId));

  it("imports a repository with GITHUB_TOKEN and says what it did on one line", async () => {
    const fake = historyGitHub(history);
    const code = await backfill(
      { repo: "acme/widgets", since: "2026-01-01", db },
      io({ GITHUB_TOKEN: "ghp_test" }),
    );
    expect(code).toBe(0);
    expect(stdout.text).toBe(
      "acme/widgets: done: 60 pull requests and 4 issues in 2 page(s); 2 GraphQL request(s), 2 point(s); 1 REST request(s)\n",
    );
    // Which zone a date without offset was read in, then, not a terminal: one plain line per page.
    expect(stderr.text).toBe(
      "expectations: --since 2026-01-01 is 2026-01-01T00:00:00.000Z: the start of that day in UTC (backfill has no --config)\n" +
        "acme/widgets: page 1, 50 pull requests, 4 issues, 1 API points (4,999 left)\n" +
        "acme/widgets: page 2, 60 pull requests, 4 issues, 2 API points (4,998 left), done\n",
    );
    expect(fake.graphqlCalls).toHaveLength(2);
    // A token belongs to no installation: the rows go under installation 0.
    expect(await stored("pull_requests")).toHaveLength(60);
    expect(await installationsOfPullRequests()).toEqual(new Set([0]));
  });

  it("says which pull request GitHub stopped answering for, and exits 1", async () => {
    const long = sampleHistory({ pullRequests: 3, issues: 0, longTimeline: 150 });
    historyGitHub(long, {
      override: (_n, call) =>
        call.operation === "PullRequestTimeline" ? [502, { message: "Bad Gateway" }] : undefined,
    });
    const code = await backfill(
      { repo: "acme/widgets", since: "2026-01-01", db },
      io({ GITHUB_TOKEN: "ghp_test" }),
    );
    expect(code).toBe(1);
    expect(stdout.text).toMatch(
      /^acme\/widgets: not complete: GitHub stopped answering for pull request #1 \(the rest of its timeline: Bad Gateway.*\); they are not stored yet, and running the same command again fetches them: 2 pull requests/,
    );
  });

  it("draws a progress bar with an ETA on a terminal", async () => {
    stderr = new Captured(true);
    historyGitHub(history);
    let tick = 0;
    const code = await backfill(
      { repo: "acme/widgets", since: "2026-01-01", db },
      io(
        { GITHUB_TOKEN: "ghp_test" },
        { clock: () => new Date(Date.parse("2026-11-27T12:00:00Z") + 30_000 * tick++) },
      ),
    );
    expect(code).toBe(0);
    expect(stderr.text).toContain("acme/widgets [");
    expect(stderr.text).toMatch(
      /\] \d+% page 1, 50 pull requests, 4 issues, 1 API points \(4,999 left\), ETA /,
    );
    expect(stderr.text).toContain("\r\x1b[2K");
  });

  it("talks to GitHub Enterprise Server at GHE_HOST: GraphQL at /api/graphql, REST at /api/v3", async () => {
    const fake = historyGitHub(history, { origin: "https://ghe.example.com", enterprise: true });
    const code = await backfill(
      { repo: "acme/widgets", since: "2026-01-01", db },
      io({ GITHUB_TOKEN: "ghp_test", GHE_HOST: "ghe.example.com" }),
    );
    expect(code).toBe(0);
    expect(fake.graphqlCalls).toHaveLength(2);
    expect(fake.reads).toEqual([
      "GET /api/v3/repos/acme/widgets/milestones?state=all&per_page=100&page=1",
    ]);
    expect(await stored("pull_requests")).toHaveLength(60);
  });

  it("finds the app's installation with APP_ID and PRIVATE_KEY, and stores rows under it", async () => {
    const github = historyGitHub(history);
    github.route("GET", /^\/repos\/acme\/widgets\/installation$/, () => installation(4242));
    const code = await backfill(
      { repo: "acme/widgets", since: "2026-01-01", db },
      io({ APP_ID: "123", PRIVATE_KEY: TEST_PRIVATE_KEY }),
    );
    expect(code).toBe(0);
    expect(github.tokensFor).toEqual([4242]);
    expect(await stored("installations")).toEqual([
      { installationId: 4242, accountLogin: "acme", accountType: "Organization", suspended: false },
    ]);
    expect(await installationsOfPullRequests()).toEqual(new Set([4242]));
  });

  it("does the same with the app's credentials on GitHub Enterprise Server", async () => {
    const fake = historyGitHub(history, { origin: "https://ghe.example.com", enterprise: true });
    fake.route("GET", /^\/repos\/acme\/widgets\/installation$/, () => installation(77));
    const code = await backfill(
      { repo: "acme/widgets", since: "2026-01-01", db },
      io({ APP_ID: "123", PRIVATE_KEY: TEST_PRIVATE_KEY, GHE_HOST: "ghe.example.com" }),
    );
    expect(code).toBe(0);
    expect(fake.tokensFor).toEqual([77]);
    expect(fake.reads).toContain("GET /api/v3/repos/acme/widgets/installation");
    expect(fake.graphqlCalls).toHaveLength(2);
    expect(await installationsOfPullRequests()).toEqual(new Set([77]));
  });

  it("says the app is not installed, in one line", async () => {
    nock("https://api.github.com")
      .get("/repos/acme/widgets/installation")
      .reply(404, { message: "Not Found" });
    const error = await backfill(
      { repo: "acme/widgets", db },
      io({ APP_ID: "123", PRIVATE_KEY: TEST_PRIVATE_KEY }),
    ).catch((e) => e);
    expect(await reportFailure(error, stderr, false)).toBe(1);
    expect(stderr.text).toBe(
      "expectations: the app is not installed on acme/widgets: install it there, or use a GITHUB_TOKEN\n",
    );
  });

  it("imports every unarchived repository of an organisation", async () => {
    const fake = historyGitHub(history);
    nock("https://api.github.com")
      .get("/orgs/acme/repos")
      .query({ type: "all", per_page: "100", page: "1" })
      .reply(200, [
        { id: 555_001, name: "widgets", owner: { login: "acme" }, archived: false },
        { id: 555_002, name: "old-gadgets", owner: { login: "acme" }, archived: true },
      ]);
    const code = await backfill(
      { org: "acme", since: "2026-01-01", db },
      io({ GITHUB_TOKEN: "ghp_test" }),
    );
    expect(code).toBe(0);
    expect(stderr.text).toContain("1 archived repositories left out\n");
    expect(stdout.text).toMatch(/^acme\/widgets: done: 60 pull requests/);
    expect(fake.graphqlCalls).toHaveLength(2);
  });

  it("stops after the page in flight on Ctrl-C, exits 1, and resumes when run again", async () => {
    const fake = historyGitHub(history);
    // Ctrl-C while the first page is being reported.
    const pressesCtrlC = new (class extends Captured {
      override _write(chunk: Buffer, encoding: string, done: () => void) {
        if (chunk.toString().includes("page 1,")) interrupt();
        super._write(chunk, encoding, done);
      }
    })();
    const options = { repo: "acme/widgets", since: "2026-01-01", db };
    const interrupted = await backfill(
      options,
      io({ GITHUB_TOKEN: "ghp_test" }, { stderr: pressesCtrlC }),
    );
    expect(interrupted).toBe(1);
    expect(pressesCtrlC.text).toContain(
      "stopping after this page; running the same command again resumes from there\n",
    );
    expect(stdout.text).toBe(
      "acme/widgets: stopped before the end: run the same command again to resume: 50 pull requests and 4 issues in 1 page(s); 1 GraphQL request(s), 1 point(s); 1 REST request(s)\n",
    );
    const resumed = await backfill(options, io({ GITHUB_TOKEN: "ghp_test" }));
    expect(resumed).toBe(0);
    expect(stdout.text).toContain("acme/widgets: resumed and done: 10 pull requests and 0 issues");
    expect(fake.graphqlCalls).toHaveLength(2);
    expect(fake.graphqlCalls[1]?.variables).toMatchObject({ withIssues: false, withStale: false });
  });

  it("refuses wrong usage with exit code 2 and one line", async () => {
    const cases: [Parameters<typeof backfill>[0], Record<string, string>, string][] = [
      [{}, { GITHUB_TOKEN: "x" }, "give either --repo OWNER/NAME or --org OWNER"],
      [{ repo: "widgets" }, { GITHUB_TOKEN: "x" }, '--repo: "widgets" is not OWNER/NAME'],
      [{ repo: "" }, { GITHUB_TOKEN: "x" }, '--repo: "" is not OWNER/NAME'],
      [{ org: " " }, { GITHUB_TOKEN: "x" }, '--org: " " is not an OWNER'],
      [{ org: "acme/widgets" }, { GITHUB_TOKEN: "x" }, '--org: "acme/widgets" is not an OWNER'],
      [
        { repo: "acme/widgets", since: "last week" },
        { GITHUB_TOKEN: "x" },
        '--since: "last week" is not an ISO 8601 date or date-time such as 2019-07-01, 2019-07-01T09:00 (in the team\'s time zone) or 2019-07-01T09:00:00Z',
      ],
      [
        { repo: "acme/widgets" },
        {},
        "no GitHub credentials: set GITHUB_TOKEN, or the app's APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH)",
      ],
    ];
    for (const [options, env, message] of cases) {
      const err = new Captured();
      const error = await backfill({ ...options, db }, io(env)).catch((e) => e);
      expect(await reportFailure(error, err, false)).toBe(2);
      expect(err.text).toBe(`expectations: ${message}\n`);
    }
  });

  it("explains GitHub's refusals in one line, with the stack only under --verbose", async () => {
    nock("https://api.github.com").post("/graphql").reply(401, {
      message: "Bad credentials",
      documentation_url: "https://docs.github.com/rest",
    });
    const error = await backfill(
      { repo: "acme/widgets", db },
      io({ GITHUB_TOKEN: "ghp_wrong" }),
    ).catch((e) => e);
    expect(await reportFailure(error, stderr, false)).toBe(1);
    expect(stderr.text).toBe(
      "expectations: GitHub refused the credentials (401 Bad credentials): check GITHUB_TOKEN, or the app's APP_ID and PRIVATE_KEY\n",
    );
    const verbose = new Captured();
    await reportFailure(error, verbose, true);
    expect(verbose.text.split("\n").length).toBeGreaterThan(3);

    const limited = new Captured();
    expect(
      await reportFailure(new RateLimitedError(new Date("2026-11-27T13:00:00Z")), limited, false),
    ).toBe(1);
    expect(limited.text).toBe(
      "expectations: GitHub's rate limit for these credentials is used up until 2026-11-27T13:00:00.000Z; the backfill kept every page it finished and continues from there when run again\n",
    );
  });

  it("says a repository does not exist, in one line", async () => {
    historyGitHub(history);
    const error = await backfill(
      { repo: "acme/nothing", db },
      io({ GITHUB_TOKEN: "ghp_test" }),
    ).catch((e) => e);
    expect(await reportFailure(error, stderr, false)).toBe(1);
    expect(stderr.text).toBe(
      "expectations: repository acme/nothing was not found, or these credentials cannot read it\n",
    );
  });
});
