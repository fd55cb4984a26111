import {
  GHOST,
  type History,
  type HistoryIssue,
  type HistoryPullRequest,
  type PullRequestEvent,
  type User,
} from "./history.js";

const alice: User = { login: "alice", id: 101, type: "User" };
const bob: User = { login: "bob", id: 102, type: "User" };
const carol: User = { login: "carol", id: 103, type: "User" };
const dave: User = { login: "dave", id: 104, type: "User" };
const erin: User = { login: "erin", id: 105, type: "User" };
const renovate: User = { login: "renovate[bot]", id: 29139614, type: "Bot" };

const ASSOCIATION: Record<string, string> = {
  alice: "MEMBER",
  bob: "MEMBER",
  carol: "COLLABORATOR",
  dave: "CONTRIBUTOR",
  erin: "NONE",
  "renovate[bot]": "NONE",
  ghost: "NONE",
};

const BASE = Date.parse("2026-03-02T09:00:00Z");
const HOUR = 3_600_000;
const iso = (at: number) => new Date(at).toISOString().replace(".000Z", "Z");

/** Pull request ids above 2^31, as recent ones are: GraphQL's `databaseId` cannot hold them. */
export const PR_ID_BASE = 2_300_000_000;

export interface SampleOptions {
  pullRequests: number;
  issues: number;
  /** Give PR #1 this many reviews (replies to review threads each count as one). */
  longTimeline?: number;
  /** Give issue #1 this many comments by outsiders before the first member answers. */
  longIssue?: number;
}

function pullRequest(i: number, longTimeline: number): HistoryPullRequest {
  const authors = [alice, bob, dave, renovate];
  const author = i % 17 === 0 ? GHOST : (authors[i % authors.length] as User);
  const reviewer = author.login === alice.login ? bob : alice;
  const t0 = BASE + i * 6 * HOUR;
  const at = (hours: number) => iso(t0 + hours * HOUR);
  // Every fifth PR opens as a draft and is made ready; every 19th stays a draft, open.
  const staysDraft = i % 19 === 0 && i % 5 !== 0;
  const draft = i % 5 === 0 || staysDraft;
  const events: PullRequestEvent[] = [{ kind: "opened", at: at(0), draft }];
  if (i % 6 === 0)
    events.push({ kind: "milestoned", at: at(0.5), by: carol, milestone: 1 + (i % 2) });
  events.push({ kind: "review_requested", at: at(1), by: author, reviewer });
  if (i % 4 === 0)
    events.push({ kind: "review_requested", at: at(1), by: author, reviewer: { team: "core" } });
  if (i % 7 === 0) {
    events.push({ kind: "review_request_removed", at: at(1.5), by: author, reviewer });
    events.push({ kind: "review_requested", at: at(3), by: carol, reviewer });
  }
  if (draft && !staysDraft) {
    events.push({ kind: "ready_for_review", at: at(2), by: author });
    if (i % 10 === 0) {
      events.push({ kind: "converted_to_draft", at: at(2.5), by: author });
      events.push({ kind: "ready_for_review", at: at(5), by: author });
    }
  }
  if (!draft && i % 23 === 0) {
    // Opened ready, sent back to draft for a while: it was ready from the start.
    events.push({ kind: "converted_to_draft", at: at(0.75), by: author });
    events.push({ kind: "ready_for_review", at: at(1.25), by: author });
  }
  if (i % 8 === 0) events.push({ kind: "labeled", at: at(6), by: carol, label: "bug" });
  const firstReview = PR_ID_BASE + 500_000 + i * 10;
  events.push({
    kind: "review",
    at: at(8),
    id: firstReview,
    by: reviewer,
    state: i % 3 === 0 ? "CHANGES_REQUESTED" : "APPROVED",
    association: ASSOCIATION[reviewer.login] as string,
  });
  if (i % 11 === 0)
    events.push({ kind: "review_dismissed", at: at(9), reviewId: firstReview, by: carol });
  if (i % 3 === 0)
    events.push({
      kind: "review",
      at: at(20),
      id: firstReview + 1,
      by: reviewer,
      state: "APPROVED",
      association: ASSOCIATION[reviewer.login] as string,
    });
  for (let k = 0; k < (i === 1 ? longTimeline : 0); k++) {
    const by = k % 2 === 0 ? bob : carol;
    events.push({
      kind: "review",
      at: iso(t0 + 10 * HOUR + k * 60_000),
      id: PR_ID_BASE + 900_000 + k,
      by,
      state: "COMMENTED",
      association: ASSOCIATION[by.login] as string,
    });
  }
  if (staysDraft) {
    // A draft is not merged.
  } else if (i % 9 !== 0) {
    events.push({ kind: "closed", at: at(24), by: i % 13 === 0 ? renovate : carol, merged: true });
  } else if (i % 2 === 0) {
    events.push({ kind: "closed", at: at(24), by: author, merged: false });
  }
  events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return {
    id: PR_ID_BASE + i,
    nodeId: `PR_kwDOAbc${i}`,
    number: i,
    title: i % 12 === 0 ? `Fix \`parser\` for <img> @team/core (#${i})` : `Change number ${i}`,
    author,
    association: ASSOCIATION[author.login] as string,
    headSha: i.toString(16).padStart(40, "a"),
    headRef: `feature/${i}`,
    events,
  };
}

function issue(j: number, longIssue: number): HistoryIssue {
  const authors = [dave, erin, alice];
  const author = authors[j % authors.length] as User;
  const t0 = BASE + j * 10 * HOUR + 30 * 60_000;
  const comments: HistoryIssue["comments"] = [];
  const outsiders = j === 1 ? longIssue : 1;
  for (let k = 0; k < outsiders; k++)
    comments.push({
      id: 4_000_000 + j * 1000 + k,
      author: k % 2 === 0 ? author : erin,
      association: ASSOCIATION[(k % 2 === 0 ? author : erin).login] as string,
      at: iso(t0 + HOUR + k * 60_000),
    });
  if (j % 4 !== 0)
    comments.push({
      id: 4_000_000 + j * 1000 + 999,
      author: bob,
      association: "MEMBER",
      at: iso(t0 + 3 * HOUR + outsiders * 60_000),
    });
  return {
    id: 3_100_000_000 + j,
    nodeId: `I_kwDOAbc${j}`,
    number: 1000 + j,
    title: `Customer problem ${j}`,
    author,
    association: ASSOCIATION[author.login] as string,
    labels: j % 2 === 0 ? ["customer"] : [],
    createdAt: iso(t0),
    closedAt: j % 5 === 0 ? iso(t0 + 48 * HOUR) : null,
    milestone: j % 6 === 0 ? 1 : null,
    comments,
  };
}

/** acme/widgets: pull requests, reviews, requests, drafts, milestones and customer issues. */
export function sampleHistory(options: SampleOptions): History {
  return {
    installationId: 4242,
    repository: { id: 555_001, owner: "acme", ownerId: 9000, name: "widgets", private: true },
    milestones: [
      {
        id: 7001,
        number: 1,
        title: "v1.0",
        dueOn: "2026-04-10T07:00:00Z",
        createdAt: "2026-02-20T10:00:00Z",
        closedAt: "2026-04-12T10:00:00Z",
      },
      {
        id: 7002,
        number: 2,
        title: "v1.1",
        dueOn: "2026-05-15T07:00:00Z",
        createdAt: "2026-02-21T10:00:00Z",
        closedAt: null,
      },
    ],
    pullRequests: Array.from({ length: options.pullRequests }, (_, k) =>
      pullRequest(k + 1, options.longTimeline ?? 0),
    ),
    issues: Array.from({ length: options.issues }, (_, k) => issue(k + 1, options.longIssue ?? 0)),
  };
}
