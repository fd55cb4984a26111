import type {
  MilestoneRow,
  PullRequestRow,
  ReviewRequestRow,
  ReviewRow,
} from "../../src/store/index.js";

/** Hand-made store rows for table tests: one repository, PR #1 by `ada` in milestone 7. */
export const ms = (iso: string): number => Date.parse(iso);

export function pullRequest(overrides: Partial<PullRequestRow> = {}): PullRequestRow {
  return {
    installationId: 1,
    repositoryId: 10,
    pullRequestId: 100,
    nodeId: "PR_100",
    number: 1,
    title: "Add the export button",
    author: { login: "ada", type: "User" },
    authorAssociation: "MEMBER",
    draft: false,
    state: "open",
    createdAt: ms("2024-03-04T09:00:00Z"),
    updatedAt: ms("2024-03-04T09:00:00Z"),
    closedAt: null,
    mergedAt: null,
    mergedBy: null,
    milestoneId: 7,
    headSha: "a".repeat(40),
    headRef: "feature/export",
    baseRef: "main",
    labels: [],
    readyAt: ms("2024-03-04T09:00:00Z"),
    ...overrides,
  };
}

export function milestone(overrides: Partial<MilestoneRow> = {}): MilestoneRow {
  return {
    installationId: 1,
    repositoryId: 10,
    milestoneId: 7,
    number: 3,
    title: "v2.0",
    state: "open",
    // Friday 2024-03-29, as GitHub stores it: midnight Pacific (daylight) time in UTC.
    dueOn: ms("2024-03-29T07:00:00Z"),
    closedAt: null,
    updatedAt: ms("2024-03-01T00:00:00Z"),
    deletedAt: null,
    ...overrides,
  };
}

let nextReviewId = 1;
export function review(
  login: string,
  state: ReviewRow["state"],
  at: string,
  overrides: Partial<ReviewRow> = {},
): ReviewRow {
  return {
    installationId: 1,
    repositoryId: 10,
    pullRequestId: 100,
    reviewId: nextReviewId++,
    reviewer: { login, type: login.endsWith("[bot]") ? "Bot" : "User" },
    state,
    dismissed: false,
    submittedAt: ms(at),
    commitId: null,
    authorAssociation: "MEMBER",
    ...overrides,
  };
}

export function request(
  reviewer: string,
  at: string,
  overrides: Partial<ReviewRequestRow> = {},
): ReviewRequestRow {
  return {
    installationId: 1,
    repositoryId: 10,
    pullRequestId: 100,
    reviewer,
    reviewerType: reviewer.startsWith("@") ? "Team" : "User",
    requestedAt: ms(at),
    requestedBy: "ada",
    removedAt: null,
    ...overrides,
  };
}
