import { performance } from "node:perf_hooks";
import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { octokitTarget } from "../../src/github/index.js";
import {
  type CheckRunContent,
  closeIssue,
  issueMarker,
  type PublishContext,
  writeCheckRun,
  writeIssue,
} from "../../src/publish/index.js";
import { FakeGitHub, type Fault, nockGitHub } from "../helpers/github/index.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";
import { faultOctokit } from "./support/fault-octokit.js";

const ATTEMPT_TIMEOUT_MS = 100;
/** With millisecond back-off, every publish below must settle well within this. */
const BUDGET_MS = 3_000;
const repository = { owner: "acme", repo: "widgets" };

const check: CheckRunContent = {
  name: "Release readiness",
  head_sha: "4f1c0de",
  external_id: "release-readiness:PR_kwDOAAAB",
  conclusion: "neutral",
  output: { title: "At risk: 2 business days left", summary: "Waiting on a review from @ana." },
};

const issue = {
  key: "release-readiness:acme/widgets:milestone:7",
  title: "Release readiness: v2.0",
  body: "2 pull requests are still open.",
  labels: ["release-readiness"],
};

let github: FakeGitHub;
let ctx: TempStore;
let publish: PublishContext;

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
beforeEach(async () => {
  github = new FakeGitHub();
  nockGitHub(github);
  ctx = await tempStore();
  publish = {
    store: ctx.store,
    target: octokitTarget(faultOctokit({ attemptTimeoutMs: ATTEMPT_TIMEOUT_MS })),
    installationId: 41,
    now: Date.parse("2026-11-27T09:00:00Z"),
  };
});
afterEach(async () => {
  nock.cleanAll();
  nock.abortPendingRequests();
  await ctx.cleanup();
});

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

function checkRunsFor(content: CheckRunContent) {
  return github.checkRuns.filter(
    (run) => run.external_id === content.external_id && run.head_sha === content.head_sha,
  );
}

function issuesWithMarker() {
  return github.issues.filter((i) => i.body.includes(issueMarker(issue.key)));
}

const faults: [string, string, Fault[]][] = [
  ["a 500 before anything was stored", "POST", [{ status: 500, applied: false }]],
  ["a 502 after GitHub stored it", "POST", [{ status: 502, applied: true }]],
  [
    "a secondary rate limit with retry-after",
    "POST",
    [{ status: 403, secondaryRateLimit: true, retryAfter: 1 }],
  ],
  ["a timeout after GitHub stored it", "POST", [{ timeoutMs: 400, applied: true }]],
  ["a timeout before anything was stored", "POST", [{ timeoutMs: 400, applied: false }]],
  [
    "two failures in a row, the first one stored",
    "POST",
    [
      { status: 502, applied: true },
      { status: 500, applied: false },
    ],
  ],
  ["a 502 on the look-up", "GET", [{ status: 502, applied: false }]],
  ["a timeout on the look-up", "GET", [{ timeoutMs: 400, applied: false }]],
];

describe("publishing while GitHub fails", () => {
  describe.each(faults)("%s (%s)", (_label, method, injected) => {
    it("creates exactly one check run, with our content, within budget", async () => {
      github.fail(`${method} check-runs`, ...injected);
      const { value, ms } = await timed(() => writeCheckRun(publish, repository, check));
      expect(value).toBe("created");
      expect(checkRunsFor(check)).toHaveLength(1);
      expect(checkRunsFor(check)[0]).toMatchObject({
        conclusion: "neutral",
        output: check.output,
      });
      expect(ms).toBeLessThan(BUDGET_MS);
      expect(github.received.length).toBeLessThanOrEqual(6);

      // Remembered: publishing the same content again sends nothing at all.
      const before = github.received.length;
      expect(await writeCheckRun(publish, repository, check)).toBe("unchanged");
      expect(github.received.length).toBe(before);
    });

    it("creates exactly one issue, with our content, within budget", async () => {
      github.fail(`${method} issues`, ...injected);
      const { value, ms } = await timed(() => writeIssue(publish, repository, issue));
      expect(value.result).toBe("created");
      expect(issuesWithMarker()).toHaveLength(1);
      expect(issuesWithMarker()[0]).toMatchObject({ title: issue.title, state: "open" });
      expect(value.number).toBe(issuesWithMarker()[0]?.number);
      expect(ms).toBeLessThan(BUDGET_MS);
      expect(github.received.length).toBeLessThanOrEqual(6);

      const before = github.received.length;
      expect((await writeIssue(publish, repository, issue)).result).toBe("unchanged");
      expect(github.received.length).toBe(before);
    });
  });

  it.each<[string, Fault]>([
    ["500", { status: 500, applied: false }],
    ["502", { status: 502, applied: false }],
    ["a secondary rate limit", { status: 403, secondaryRateLimit: true, retryAfter: 1 }],
    ["a timeout", { timeoutMs: 400, applied: false }],
  ])("retries an update after %s and ends with the new content", async (_label, fault) => {
    await writeCheckRun(publish, repository, check);
    await writeIssue(publish, repository, issue);
    github.fail("PATCH check-runs", fault);
    github.fail("PATCH issues", fault);

    const missed = { ...check, conclusion: "failure" as const };
    expect(await writeCheckRun(publish, repository, missed)).toBe("updated");
    expect(checkRunsFor(check)).toHaveLength(1);
    expect(checkRunsFor(check)[0]?.conclusion).toBe("failure");

    const edited = { ...issue, body: "1 pull request is still open." };
    expect((await writeIssue(publish, repository, edited)).result).toBe("updated");
    expect(issuesWithMarker()).toHaveLength(1);
    expect(issuesWithMarker()[0]?.body).toContain("1 pull request is still open.");
  });

  it("gives up within budget when GitHub stays down, then publishes once when it is back", async () => {
    const down = Array.from({ length: 20 }, () => ({ status: 502 as const, applied: false }));
    github.fail("POST check-runs", ...down);
    github.fail("POST issues", ...down);

    const failed = await timed(() =>
      writeCheckRun(publish, repository, check).then(
        () => "published",
        (error: { status?: number }) => error.status,
      ),
    );
    expect(failed.value).toBe(502);
    expect(failed.ms).toBeLessThan(BUDGET_MS);
    expect(github.count("POST check-runs")).toBeLessThanOrEqual(4);
    expect(
      await writeIssue(publish, repository, issue).then(
        () => "published",
        (error: { status?: number }) => error.status,
      ),
    ).toBe(502);
    expect(github.count("POST issues")).toBeLessThanOrEqual(4);
    expect(github.checkRuns.length + github.issues.length).toBe(0);

    // Nothing was remembered as published, so the next evaluation tries again.
    nock.cleanAll();
    const healthy = new FakeGitHub();
    nockGitHub(healthy);
    expect(await writeCheckRun(publish, repository, check)).toBe("created");
    expect((await writeIssue(publish, repository, issue)).result).toBe("created");
    expect(healthy.checkRuns.length).toBe(1);
    expect(healthy.issues.length).toBe(1);
  });

  it("without retries on a secondary rate limit (Probot's app default) fails cleanly and publishes once later", async () => {
    publish.target = octokitTarget(
      faultOctokit({ attemptTimeoutMs: ATTEMPT_TIMEOUT_MS, retrySecondaryRateLimit: false }),
    );
    github.fail("POST check-runs", { status: 403, secondaryRateLimit: true, retryAfter: 60 });
    const failed = await writeCheckRun(publish, repository, check).then(
      () => "published",
      (error: { status?: number }) => error.status,
    );
    expect(failed).toBe(403);
    expect(github.checkRuns.length).toBe(0);
    expect(await writeCheckRun(publish, repository, check)).toBe("created");
    expect(checkRunsFor(check)).toHaveLength(1);
  });

  it("closes an issue through a 502 without reopening or duplicating it", async () => {
    await writeIssue(publish, repository, issue);
    github.fail("PATCH issues", { status: 502, applied: true });
    expect(await closeIssue(publish, repository, issue)).toBe("closed");
    expect(issuesWithMarker()).toHaveLength(1);
    expect(issuesWithMarker()[0]?.state).toBe("closed");
  });

  it("finds its closed issue again by the marker when the store forgot it, and reopens it instead of making a second", async () => {
    await writeIssue(publish, repository, issue);
    await closeIssue(publish, repository, issue);
    // Another store (a new database, say): nothing remembered of the issue.
    const forgetful = await tempStore();
    try {
      const edited = { ...issue, body: "1 pull request is still open." };
      const { result } = await writeIssue(
        { ...publish, store: forgetful.store },
        repository,
        edited,
      );
      expect(result).toBe("updated");
      expect(issuesWithMarker()).toHaveLength(1);
      expect(issuesWithMarker()[0]).toMatchObject({ state: "open" });
    } finally {
      await forgetful.cleanup();
    }
  });
});
