import { describe, expect, it } from "vitest";
import type {
  InstallationRecord,
  PullRequestRecord,
  PullRequestTimelineRecord,
  ReviewRecord,
  ReviewRequestRow,
  ReviewRow,
} from "../../src/store/index.js";
import { releaseLease, scheduleJob, takeLease } from "../../src/store/jobs/index.js";
import {
  addTimelineEntry,
  markMilestoneDeleted,
  mergeInstallation,
  mergeIssue,
  mergeIssueComment,
  mergeMilestone,
  mergePullRequest,
  mergeRepository,
  mergeReview,
  mergeReviewRequest,
  mergeTeamMembership,
  newestWins,
  readyTime,
  versionHash,
} from "../../src/store/merge-rules/index.js";
import type {
  JobRow,
  ReviewRequestRemovalRow,
  StoredMilestone,
  StoredPullRequest,
} from "../../src/store/stored-rows.js";
import { comment, issue, milestone, min, pullRequest, request, review, sec, T } from "./records.js";

// Times are minutes after T, to keep the tables readable.

type Kind = PullRequestTimelineRecord["kind"];
const step = (kind: Kind, at: number): PullRequestTimelineRecord => ({
  installationId: 1,
  repositoryId: 10,
  pullRequestId: 7,
  kind,
  at,
});

describe("newest updated_at wins, ties broken by content", () => {
  it.each([
    ["nothing stored", { updatedAt: 5, versionHash: "b" }, undefined, true],
    ["newer", { updatedAt: 6, versionHash: "a" }, { updatedAt: 5, versionHash: "z" }, true],
    ["older", { updatedAt: 4, versionHash: "z" }, { updatedAt: 5, versionHash: "a" }, false],
    [
      "same time, greater hash",
      { updatedAt: 5, versionHash: "b" },
      { updatedAt: 5, versionHash: "a" },
      true,
    ],
    [
      "same time, smaller hash",
      { updatedAt: 5, versionHash: "a" },
      { updatedAt: 5, versionHash: "b" },
      false,
    ],
    [
      "the same version",
      { updatedAt: 5, versionHash: "a" },
      { updatedAt: 5, versionHash: "a" },
      false,
    ],
  ])("%s", (_case, incoming, stored, wins) => {
    expect(newestWins(incoming, stored)).toBe(wins);
  });
});

describe("ready time from the draft transitions", () => {
  const created = min(0);
  it.each<[string, boolean, [Kind, number][], number | null]>([
    ["opened ready", false, [["opened_ready", min(0)]], created],
    [
      "opened ready, later a draft and ready again",
      false,
      [
        ["opened_ready", min(0)],
        ["converted_to_draft", min(5)],
        ["ready_for_review", min(9)],
      ],
      created,
    ],
    [
      "opened as draft, then ready",
      false,
      [
        ["opened_as_draft", min(0)],
        ["ready_for_review", min(30)],
      ],
      min(30),
    ],
    [
      "opened as draft, ready twice: the first counts",
      false,
      [
        ["ready_for_review", min(90)],
        ["opened_as_draft", min(0)],
        ["ready_for_review", min(30)],
      ],
      min(30),
    ],
    ["opened as draft, still a draft", true, [["opened_as_draft", min(0)]], null],
    [
      "how it opened unknown, first made a draft: it opened ready",
      true,
      [["converted_to_draft", min(5)]],
      created,
    ],
    [
      "how it opened unknown, first made ready",
      false,
      [
        ["ready_for_review", min(20)],
        ["converted_to_draft", min(40)],
      ],
      min(20),
    ],
    ["nothing known, a draft now", true, [], null],
    ["nothing known, ready now", false, [], created],
    // Same instant: the transitions sort by kind, so converted_to_draft comes first.
    [
      "same instant, unknown opening",
      false,
      [
        ["ready_for_review", min(3)],
        ["converted_to_draft", min(3)],
      ],
      created,
    ],
  ])("%s", (_case, draft, steps, expected) => {
    expect(
      readyTime(
        created,
        draft,
        steps.map(([kind, at]) => ({ kind, at })),
      ),
    ).toBe(expected);
  });
});

describe("a pull request snapshot against the stored row", () => {
  const stored = mergePullRequest(
    undefined,
    [],
    pullRequest({ mergedBy: null }),
  ) as StoredPullRequest;

  it("stores a first snapshot, with what it does not say filled by defaults", () => {
    const first = mergePullRequest(
      undefined,
      [step("opened_as_draft", min(0)), step("ready_for_review", min(12))],
      pullRequest({ draft: undefined, authorAssociation: undefined }),
    );
    expect(first).toMatchObject({
      draft: false,
      authorAssociation: null,
      mergedBy: null,
      readyAt: min(12),
      versionHash: versionHash(pullRequest({ draft: undefined, authorAssociation: undefined })),
    });
  });

  it("takes a newer snapshot, keeping draft, merged_by and association it does not carry", () => {
    const merged = mergePullRequest(
      { ...stored, draft: true, mergedBy: "bob", readyAt: null },
      [step("opened_as_draft", min(0))],
      pullRequest({
        updatedAt: min(60),
        state: "closed",
        title: "Fix the cache for good",
        draft: undefined,
        mergedBy: undefined,
        authorAssociation: undefined,
      }),
    );
    expect(merged).toMatchObject({
      title: "Fix the cache for good",
      state: "closed",
      updatedAt: min(60),
      draft: true,
      mergedBy: "bob",
      authorAssociation: "MEMBER",
      readyAt: null,
    });
  });

  it("lets an older snapshot only fill what the stored row lacks", () => {
    const newer = { ...stored, updatedAt: min(60), title: "Newer title" };
    expect(mergePullRequest(newer, [], pullRequest({ mergedBy: "bob" }))).toEqual({
      ...newer,
      mergedBy: "bob",
    });
    expect(mergePullRequest(newer, [], pullRequest({ title: "Old title" }))).toBeUndefined();
  });

  it("writes nothing for the snapshot it already has", () => {
    expect(mergePullRequest(stored, [], pullRequest({ mergedBy: null }))).toBeUndefined();
  });

  it("picks the same winner of two snapshots of one instant whichever comes first", () => {
    const a = pullRequest({ updatedAt: min(5), labels: ["bug"] });
    const b = pullRequest({ updatedAt: min(5), labels: ["release"] });
    const then = (first: PullRequestRecord, second: PullRequestRecord) => {
      const stored = mergePullRequest(undefined, [], first) as StoredPullRequest;
      return mergePullRequest(stored, [], second) ?? stored;
    };
    const winner = versionHash(a) > versionHash(b) ? a : b;
    expect(then(a, b)).toEqual(then(b, a));
    expect(then(a, b).labels).toEqual(winner.labels);
  });
});

describe("a draft transition against the stored ones", () => {
  const draft = mergePullRequest(
    undefined,
    [step("opened_as_draft", min(0))],
    pullRequest({ draft: true }),
  ) as StoredPullRequest;
  const incoming = (kind: Kind, at: number): PullRequestTimelineRecord => ({
    installationId: 1,
    repositoryId: 10,
    pullRequestId: 7,
    kind,
    at,
  });

  it.each<
    [
      string,
      StoredPullRequest | undefined,
      PullRequestTimelineRecord[],
      PullRequestTimelineRecord,
      object,
    ]
  >([
    [
      "already known: nothing",
      draft,
      [step("opened_as_draft", min(0))],
      incoming("opened_as_draft", min(0)),
      {},
    ],
    [
      "pull request not stored yet: the entry, in the repository its record names",
      undefined,
      [],
      incoming("ready_for_review", min(9)),
      { entry: step("ready_for_review", min(9)) },
    ],
    [
      "made ready: the entry and the new ready time",
      draft,
      [step("opened_as_draft", min(0))],
      incoming("ready_for_review", min(9)),
      { entry: step("ready_for_review", min(9)), pullRequest: { ...draft, readyAt: min(9) } },
    ],
    [
      "ready time unchanged: only the entry",
      { ...draft, readyAt: min(9) },
      [step("opened_as_draft", min(0)), step("ready_for_review", min(9))],
      incoming("converted_to_draft", min(20)),
      { entry: step("converted_to_draft", min(20)) },
    ],
  ])("%s", (_case, pullRequest, timeline, change, expected) => {
    expect(addTimelineEntry(pullRequest, timeline, change)).toEqual(expected);
  });
});

describe("review requests and their removals", () => {
  const row = (
    at: number,
    removedAt: number | null = null,
    by: string | null = "alice",
  ): ReviewRequestRow => ({
    installationId: 1,
    pullRequestId: 7,
    reviewer: "bob",
    reviewerType: "User",
    repositoryId: 10,
    requestedAt: at,
    requestedBy: by,
    removedAt,
  });
  const removal = (at: number): ReviewRequestRemovalRow => ({
    installationId: 1,
    repositoryId: 10,
    pullRequestId: 7,
    reviewer: "bob",
    removedAt: at,
  });
  /** [requestedAt, removedAt] per request, in seconds after T. */
  const seconds = (rows: ReviewRequestRow[]) =>
    rows.map((r) => [
      (r.requestedAt - T) / 1000,
      r.removedAt === null ? null : (r.removedAt - T) / 1000,
    ]);

  it.each<
    [
      string,
      ReviewRequestRow[],
      ReviewRequestRemovalRow[],
      { removed: boolean; at: number },
      (number | null)[][],
    ]
  >([
    ["a first request", [], [], { removed: false, at: sec(0) }, [[0, null]]],
    [
      "the same request a second later (webhook after backfill): the earliest stays",
      [row(sec(0))],
      [],
      { removed: false, at: sec(1) },
      [[0, null]],
    ],
    [
      "the same request a second earlier (backfill after webhook): it replaces the later",
      [row(sec(1))],
      [],
      { removed: false, at: sec(0) },
      [[0, null]],
    ],
    [
      "ten seconds apart is still the same request",
      [row(sec(10))],
      [],
      { removed: false, at: sec(0) },
      [[0, null]],
    ],
    [
      "eleven seconds apart is a second request",
      [row(sec(11))],
      [],
      { removed: false, at: sec(0) },
      [
        [0, null],
        [11, null],
      ],
    ],
    [
      "a re-request an hour later",
      [row(sec(0))],
      [],
      { removed: false, at: sec(3600) },
      [
        [0, null],
        [3600, null],
      ],
    ],
    [
      "a removal voids the request it follows",
      [row(sec(0)), row(sec(3600))],
      [],
      { removed: true, at: sec(60) },
      [
        [0, 60],
        [3600, null],
      ],
    ],
    [
      "a removal at the instant of the next request voids that one",
      [row(sec(0)), row(sec(3600))],
      [],
      { removed: true, at: sec(3600) },
      [
        [0, null],
        [3600, 3600],
      ],
    ],
    [
      "a removal before any request voids nothing",
      [row(sec(600))],
      [],
      { removed: true, at: sec(60) },
      [[600, null]],
    ],
    [
      "a request after a removal: the removal still voids the earlier one",
      [row(sec(0))],
      [removal(sec(60))],
      { removed: false, at: sec(3600) },
      [
        [0, 60],
        [3600, null],
      ],
    ],
    [
      "a request arriving between request and removal takes the voiding",
      [row(sec(0), sec(120))],
      [removal(sec(120))],
      { removed: false, at: sec(60) },
      [
        [0, null],
        [60, 120],
      ],
    ],
  ])("%s", (_case, requests, removals, change, expected) => {
    const record = request(change.at);
    const next = mergeReviewRequest({ requests, removals }, { removed: change.removed, record });
    expect(seconds(next.requests)).toEqual(expected);
    if (change.removed) expect(next.removals.map((r) => r.removedAt)).toContain(change.at);
    else expect(next.removals).toBe(removals);
  });

  it("returns rows it did not change as they were, so nothing is written for them", () => {
    const kept = row(sec(0));
    const next = mergeReviewRequest(
      { requests: [kept], removals: [] },
      { removed: false, record: request(sec(3600)) },
    );
    expect(next.requests[0]).toBe(kept);
  });

  it("gives a new row the repository its record names, keeping who asked", () => {
    const next = mergeReviewRequest(
      { requests: [], removals: [] },
      { removed: false, record: request(sec(0), { by: null, repositoryId: 12 }) },
    );
    expect(next.requests).toEqual([{ ...row(sec(0), null, null), repositoryId: 12 }]);
  });
});

describe("a review against its stored row", () => {
  const stored = mergeReview(undefined, review()) as ReviewRow;

  it.each<[string, ReviewRow | undefined, ReviewRecord, Partial<ReviewRow> | undefined]>([
    [
      "new: stored with the repository its record names",
      undefined,
      review({ authorAssociation: undefined }),
      { repositoryId: 10, authorAssociation: null, state: "APPROVED" },
    ],
    [
      "a dismissal seen alone keeps the verdict and sticks",
      stored,
      review({ state: undefined, dismissed: true, commitId: null, authorAssociation: undefined }),
      { state: "APPROVED", dismissed: true, commitId: "abc", authorAssociation: "MEMBER" },
    ],
    [
      "a later copy without the dismissal does not undo it",
      { ...stored, dismissed: true },
      review(),
      undefined,
    ],
    ["an edited verdict is taken", stored, review({ state: "COMMENTED" }), { state: "COMMENTED" }],
    ["the same review again: nothing", stored, review(), undefined],
    [
      "who and when stay as first stored",
      stored,
      review({
        reviewer: { login: "mallory", type: "User" },
        submittedAt: min(99),
        state: "COMMENTED",
      }),
      { reviewer: { login: "bob", type: "User" }, submittedAt: min(30), state: "COMMENTED" },
    ],
  ])("%s", (_case, before, incoming, expected) => {
    const next = mergeReview(before, incoming);
    if (expected === undefined) expect(next).toBeUndefined();
    else expect(next).toMatchObject(expected);
  });
});

describe("milestones", () => {
  const stored = mergeMilestone(undefined, milestone()) as StoredMilestone;

  it("keeps the newest snapshot and a deletion seen before it", () => {
    const deleted = { ...stored, deletedAt: min(50) };
    expect(
      mergeMilestone(deleted, milestone({ updatedAt: min(40), title: "1.0.1" })),
    ).toMatchObject({
      title: "1.0.1",
      deletedAt: min(50),
    });
    expect(
      mergeMilestone(deleted, milestone({ updatedAt: min(-1), title: "0.9" })),
    ).toBeUndefined();
  });

  it.each<[string, StoredMilestone | undefined, number, number | null | undefined]>([
    ["never seen: nothing stored", undefined, min(50), undefined],
    ["first deletion", stored, min(50), min(50)],
    [
      "an earlier deletion time replaces a later one",
      { ...stored, deletedAt: min(50) },
      min(20),
      min(20),
    ],
    [
      "a later deletion time changes nothing",
      { ...stored, deletedAt: min(20) },
      min(50),
      undefined,
    ],
  ])("deletion: %s", (_case, before, at, deletedAt) => {
    expect(markMilestoneDeleted(before, at)?.deletedAt).toBe(deletedAt);
  });
});

describe("installations, repositories, issues and comments", () => {
  const installation = (updatedAt: number, suspended = false): InstallationRecord => ({
    installationId: 1,
    accountLogin: "acme",
    accountType: "Organization",
    suspended,
    updatedAt,
  });

  it.each<
    [string, InstallationRecord | undefined, InstallationRecord, InstallationRecord | undefined]
  >([
    ["new", undefined, installation(min(0)), installation(min(0))],
    [
      "a newer event wins",
      installation(min(0)),
      installation(min(5), true),
      installation(min(5), true),
    ],
    ["an older event is ignored", installation(min(5), true), installation(min(0)), undefined],
    [
      "an event of the same time is taken",
      installation(min(5), true),
      installation(min(5)),
      installation(min(5)),
    ],
    ["the same event again: nothing", installation(min(5)), installation(min(5)), undefined],
  ])("installation: %s", (_case, stored, incoming, expected) => {
    expect(mergeInstallation(stored, incoming)).toEqual(expected);
  });

  it("keeps a repository's name and visibility current, writing only a change", () => {
    const repository = {
      installationId: 1,
      repositoryId: 10,
      fullName: "acme/widgets",
      private: false,
    };
    expect(mergeRepository(undefined, repository)).toEqual(repository);
    expect(mergeRepository(repository, { ...repository })).toBeUndefined();
    expect(mergeRepository(repository, { ...repository, fullName: "acme/gadgets" })).toEqual({
      ...repository,
      fullName: "acme/gadgets",
    });
    expect(mergeRepository(repository, { ...repository, private: true })?.private).toBe(true);
  });

  it("keeps the newest issue snapshot", () => {
    const stored = mergeIssue(undefined, issue({ updatedAt: min(10), title: "Broken" }));
    expect(stored).toMatchObject({
      title: "Broken",
      versionHash: versionHash(issue({ updatedAt: min(10), title: "Broken" })),
    });
    expect(mergeIssue(stored, issue({ updatedAt: min(5), title: "Older" }))).toBeUndefined();
    expect(mergeIssue(stored, issue({ updatedAt: min(20), title: "Still broken" }))?.title).toBe(
      "Still broken",
    );
  });

  it("changes only a comment's author association once stored", () => {
    const incoming = comment(500, { authorAssociation: "CONTRIBUTOR" });
    const stored = mergeIssueComment(undefined, incoming);
    expect(stored).toEqual(incoming);
    expect(mergeIssueComment(stored, { ...incoming, repositoryId: 77 })).toBeUndefined();
    expect(
      mergeIssueComment(stored, { ...incoming, authorAssociation: "MEMBER", repositoryId: 77 }),
    ).toEqual({
      ...incoming,
      repositoryId: 10,
      authorAssociation: "MEMBER",
    });
  });
});

describe("job leases and next runs", () => {
  const job = (fields: Partial<JobRow> = {}): JobRow => ({
    name: "release-readiness",
    installationId: null,
    repositoryId: null,
    nextRunAt: min(60),
    lastRunAt: null,
    leaseOwner: null,
    leaseUntil: null,
    ...fields,
  });

  it.each<[string, JobRow | undefined, string, JobRow | undefined]>([
    [
      "a job never seen",
      undefined,
      "a",
      job({ nextRunAt: null, leaseOwner: "a", leaseUntil: min(15) }),
    ],
    ["free", job(), "a", job({ leaseOwner: "a", leaseUntil: min(15) })],
    ["held by another", job({ leaseOwner: "b", leaseUntil: min(1) }), "a", undefined],
    [
      "held by another, expired",
      job({ leaseOwner: "b", leaseUntil: min(0) }),
      "a",
      job({ leaseOwner: "a", leaseUntil: min(15) }),
    ],
    [
      "held by this owner: renewed",
      job({ leaseOwner: "a", leaseUntil: min(1) }),
      "a",
      job({ leaseOwner: "a", leaseUntil: min(15) }),
    ],
  ])("taking a lease: %s", (_case, stored, owner, expected) => {
    expect(takeLease(stored, "release-readiness", owner, min(0), 15 * 60_000)).toEqual(expected);
  });

  it("gives a lease back only for its holder", () => {
    const held = job({ leaseOwner: "a", leaseUntil: min(15) });
    expect(releaseLease(held, "b")).toBeUndefined();
    expect(releaseLease(undefined, "a")).toBeUndefined();
    expect(releaseLease(held, "a")).toEqual(job());
  });

  it("sets the next run, keeping the last run and the scope unless given", () => {
    const scoped = job({ installationId: 1, repositoryId: 10, lastRunAt: min(0), leaseOwner: "a" });
    expect(scheduleJob(scoped, scoped.name, { nextRunAt: min(120), lastRunAt: null })).toEqual({
      ...scoped,
      nextRunAt: min(120),
    });
    expect(
      scheduleJob(undefined, "review-activity:1:team:storage", {
        nextRunAt: min(120),
        lastRunAt: min(60),
        scope: { installationId: 1, repositoryId: null },
      }),
    ).toEqual(
      job({
        name: "review-activity:1:team:storage",
        installationId: 1,
        nextRunAt: min(120),
        lastRunAt: min(60),
      }),
    );
  });
});

describe("mergeTeamMembership: who was in a team, from when to when", () => {
  type Change = Parameters<typeof mergeTeamMembership>[3];
  const joined = (at: number): Change => ({ kind: "joined", login: "alice", at });
  const left = (at: number): Change => ({ kind: "left", login: "alice", at });
  const spansAfter = (changes: Change[]) => {
    let rows: ReturnType<typeof mergeTeamMembership> = [];
    for (const change of changes) rows = mergeTeamMembership(rows, 1, 7, change);
    return rows.find((row) => row.login === "alice")?.spans;
  };

  it.each([
    { what: "a join opens a stay", changes: [joined(10)], spans: [{ from: 10, until: null }] },
    {
      what: "a leave ends it",
      changes: [joined(10), left(20)],
      spans: [{ from: 10, until: 20 }],
    },
    {
      what: "a leave seen before its join: the same stay",
      changes: [left(20), joined(10)],
      spans: [{ from: 10, until: 20 }],
    },
    {
      what: "a rejoin is a second stay",
      changes: [joined(10), left(20), joined(30)],
      spans: [
        { from: 10, until: 20 },
        { from: 30, until: null },
      ],
    },
    {
      what: "the same join twice changes nothing",
      changes: [joined(10), joined(10)],
      spans: [{ from: 10, until: null }],
    },
    {
      what: "a join and a leave at one instant leave no stay",
      changes: [joined(10), left(10)],
      spans: [],
    },
  ])("$what", ({ changes, spans }) => {
    expect(spansAfter(changes)).toEqual(spans);
  });

  it("returns the rows a change does not touch as the same objects (nothing to write)", () => {
    const rows = mergeTeamMembership([], 1, 7, {
      kind: "listed",
      logins: ["alice", "bob"],
      at: 5,
      first: true,
    });
    const next = mergeTeamMembership(rows, 1, 7, joined(10));
    expect(next[0]).toBe(rows[0]);
    expect(next[1]).toBe(rows[1]);
  });
});
