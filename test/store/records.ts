/** Hand-made store records: pull request 7 in repository 10 of installation 1, and its kin. */
import type {
  IssueCommentRecord,
  IssueRecord,
  MilestoneRecord,
  PullRequestRecord,
  ReviewRecord,
  ReviewRequestRecord,
} from "../../src/store/index.js";

/** The instant the hand-made records below are timed from. */
export const T = Date.parse("2026-11-02T10:00:00Z");
/** `m` minutes after T. */
export const min = (m: number) => T + m * 60_000;
/** `s` seconds after T. */
export const sec = (s: number) => T + s * 1_000;

export function pullRequest(fields: Partial<PullRequestRecord> = {}): PullRequestRecord {
  return {
    installationId: 1,
    repositoryId: 10,
    pullRequestId: 7,
    nodeId: "PR_7",
    number: 7,
    title: "Fix the cache",
    author: { login: "alice", type: "User" },
    authorAssociation: "MEMBER",
    draft: false,
    state: "open",
    createdAt: min(0),
    updatedAt: min(0),
    closedAt: null,
    mergedAt: null,
    mergedBy: null,
    milestoneId: 3,
    headSha: "abc",
    headRef: "fix",
    baseRef: "main",
    labels: [],
    ...fields,
  };
}

export function request(
  at: number,
  fields: Partial<ReviewRequestRecord> = {},
): ReviewRequestRecord {
  return {
    installationId: 1,
    repositoryId: 10,
    pullRequestId: 7,
    reviewer: "bob",
    reviewerType: "User",
    at,
    by: "alice",
    ...fields,
  };
}

export function review(fields: Partial<ReviewRecord> = {}): ReviewRecord {
  return {
    installationId: 1,
    repositoryId: 10,
    pullRequestId: 7,
    reviewId: 70,
    reviewer: { login: "bob", type: "User" },
    state: "APPROVED",
    dismissed: false,
    submittedAt: min(30),
    commitId: "abc",
    authorAssociation: "MEMBER",
    ...fields,
  };
}

export function milestone(fields: Partial<MilestoneRecord> = {}): MilestoneRecord {
  return {
    installationId: 1,
    repositoryId: 10,
    milestoneId: 3,
    number: 1,
    title: "1.0",
    state: "open",
    dueOn: min(10_000),
    closedAt: null,
    updatedAt: min(0),
    ...fields,
  };
}

export function issue(fields: Partial<IssueRecord> = {}): IssueRecord {
  return {
    installationId: 1,
    repositoryId: 10,
    issueId: 99,
    number: 8,
    title: "It breaks",
    author: { login: "carol", type: "User" },
    authorAssociation: "NONE",
    labels: ["customer"],
    state: "open",
    createdAt: min(0),
    updatedAt: min(0),
    closedAt: null,
    milestoneId: null,
    ...fields,
  };
}

export function comment(
  commentId: number,
  fields: Partial<IssueCommentRecord> = {},
): IssueCommentRecord {
  return {
    installationId: 1,
    repositoryId: 10,
    issueId: 99,
    commentId,
    author: { login: "bob", type: "User" },
    authorAssociation: "MEMBER",
    createdAt: min(commentId),
    ...fields,
  };
}
