import type {
  Activity,
  IssueCommentRecord,
  IssueRecord,
  PullRequestRow,
  PullRequestTimelineRecord,
  ReviewRequestRow,
  ReviewRow,
} from "../../src/store/index.js";

/** "2024-07-01 09:00" in UTC, as epoch milliseconds. */
export const at = (text: string): number => Date.parse(`${text.replace(" ", "T")}:00Z`);

export const INSTALLATION = 1;
export const REPOSITORY = 10;

let nextId = 1000;

export function pullRequest(
  number: number,
  author: string,
  opened: string,
  fields: Partial<PullRequestRow> = {},
): PullRequestRow {
  return {
    installationId: INSTALLATION,
    repositoryId: REPOSITORY,
    pullRequestId: number,
    nodeId: `PR_${number}`,
    number,
    title: `PR ${number}`,
    author: { login: author, type: author.endsWith("[bot]") ? "Bot" : "User" },
    authorAssociation: "MEMBER",
    draft: false,
    state: fields.closedAt ? "closed" : "open",
    createdAt: at(opened),
    updatedAt: at(opened),
    closedAt: null,
    mergedAt: null,
    mergedBy: null,
    milestoneId: null,
    headSha: "sha",
    headRef: "topic",
    baseRef: "main",
    labels: [],
    readyAt: at(opened),
    ...fields,
  };
}

export function review(
  pullRequestId: number,
  reviewer: string,
  submitted: string,
  state: ReviewRow["state"] = "COMMENTED",
  fields: Partial<ReviewRow> = {},
): ReviewRow {
  return {
    installationId: INSTALLATION,
    repositoryId: REPOSITORY,
    pullRequestId,
    reviewId: nextId++,
    reviewer: { login: reviewer, type: reviewer.endsWith("[bot]") ? "Bot" : "User" },
    state,
    dismissed: false,
    submittedAt: at(submitted),
    commitId: null,
    authorAssociation: "MEMBER",
    ...fields,
  };
}

export function request(
  pullRequestId: number,
  reviewer: string,
  requested: string,
  fields: Partial<ReviewRequestRow> = {},
): ReviewRequestRow {
  return {
    installationId: INSTALLATION,
    repositoryId: REPOSITORY,
    pullRequestId,
    reviewer,
    reviewerType: reviewer.endsWith("[bot]") ? "Bot" : reviewer.startsWith("@") ? "Team" : "User",
    requestedAt: at(requested),
    requestedBy: null,
    removedAt: null,
    ...fields,
  };
}

export function timeline(
  pullRequestId: number,
  kind: PullRequestTimelineRecord["kind"],
  when: string,
): PullRequestTimelineRecord {
  return {
    installationId: INSTALLATION,
    repositoryId: REPOSITORY,
    pullRequestId,
    kind,
    at: at(when),
  };
}

export function issue(
  number: number,
  author: string,
  association: string,
  opened: string,
  fields: Partial<IssueRecord> = {},
): IssueRecord {
  return {
    installationId: INSTALLATION,
    repositoryId: REPOSITORY,
    issueId: number,
    number,
    title: `Issue ${number}`,
    author: { login: author, type: author.endsWith("[bot]") ? "Bot" : "User" },
    authorAssociation: association,
    labels: [],
    state: fields.closedAt ? "closed" : "open",
    createdAt: at(opened),
    updatedAt: at(opened),
    closedAt: null,
    milestoneId: null,
    ...fields,
  };
}

export function comment(
  issueId: number,
  author: string,
  association: string,
  created: string,
): IssueCommentRecord {
  return {
    installationId: INSTALLATION,
    repositoryId: REPOSITORY,
    issueId,
    commentId: nextId++,
    author: { login: author, type: author.endsWith("[bot]") ? "Bot" : "User" },
    authorAssociation: association,
    createdAt: at(created),
  };
}

export function activity(parts: Partial<Activity>): Activity {
  return {
    repositories: [
      {
        installationId: INSTALLATION,
        repositoryId: REPOSITORY,
        fullName: "acme/storage",
        private: false,
      },
    ],
    pullRequests: [],
    reviews: [],
    reviewRequests: [],
    timeline: [],
    milestones: [],
    issues: [],
    issueComments: [],
    ...parts,
  };
}
