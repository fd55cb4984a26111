import type {
  InstallationRecord,
  IssueCommentRecord,
  IssueRecord,
  PullRequestTimelineRecord,
  RepositoryRecord,
} from "../records.js";
import type { MilestoneRow, PullRequestRow, ReviewRequestRow, ReviewRow } from "../rows.js";
import type {
  ReviewRequestRemovalRow,
  StoredIssue,
  StoredMilestone,
  StoredPullRequest,
  Versioned,
} from "../stored-rows.js";
import {
  type Columns,
  columnsOf,
  declareTable,
  flag,
  numberOrNull,
  type ReadRow,
  rowMapping,
  stringList,
  stringOrNull,
} from "./table.js";

/**
 * A table of snapshots: the record's columns, read without the version by the activity reads,
 * and the table with `version_hash` beside them.
 */
function versioned<R extends Omit<Versioned, "versionHash">, C extends string>(
  name: string,
  declared: Columns<R & Versioned, C>,
  read: ReadRow<R, C>,
) {
  const { text } = columnsOf<R & Versioned>();
  return {
    record: rowMapping(declared, read),
    table: declareTable(
      name,
      { ...declared, version_hash: text() },
      (r, at, intern): R & Versioned => ({
        ...read(r, at, intern),
        versionHash: r[at.version_hash] as string,
      }),
    ),
  };
}

const installation = columnsOf<InstallationRecord>();
export const installations = declareTable("installations", {
  installation_id: installation.integer(),
  account_login: installation.text(),
  account_type: installation.text(),
  suspended: installation.boolean(),
  updated_at: installation.integer(),
});

const repository = columnsOf<RepositoryRecord>();
export const repositories = declareTable("repositories", {
  installation_id: repository.integer(),
  repository_id: repository.integer(),
  full_name: repository.text(),
  private: repository.boolean(),
});

const pr = columnsOf<StoredPullRequest>();
export const { record: pullRequestRecord, table: pullRequests } = versioned(
  "pull_requests",
  {
    installation_id: pr.integer(),
    pull_request_id: pr.integer(),
    repository_id: pr.integer(),
    node_id: pr.text(),
    number: pr.integer(),
    title: pr.text(),
    author_login: pr.text((row) => row.author.login),
    author_type: pr.text((row) => row.author.type),
    author_association: pr.nullableText(),
    draft: pr.boolean(),
    state: pr.text(),
    created_at: pr.integer(),
    updated_at: pr.integer(),
    closed_at: pr.nullableInteger(),
    merged_at: pr.nullableInteger(),
    merged_by: pr.nullableText(),
    milestone_id: pr.nullableInteger(),
    head_sha: pr.text(),
    head_ref: pr.text(),
    base_ref: pr.text(),
    labels: pr.json((row) => row.labels),
    ready_at: pr.nullableInteger(),
  },
  (r, at, intern): PullRequestRow => ({
    installationId: r[at.installation_id] as number,
    pullRequestId: r[at.pull_request_id] as number,
    repositoryId: r[at.repository_id] as number,
    nodeId: r[at.node_id] as string,
    number: r[at.number] as number,
    title: r[at.title] as string,
    author: { login: intern(r[at.author_login]), type: intern(r[at.author_type]) },
    authorAssociation: stringOrNull(r[at.author_association], intern),
    draft: flag(r[at.draft]),
    state: intern(r[at.state]) as PullRequestRow["state"],
    createdAt: r[at.created_at] as number,
    updatedAt: r[at.updated_at] as number,
    closedAt: numberOrNull(r[at.closed_at]),
    mergedAt: numberOrNull(r[at.merged_at]),
    mergedBy: stringOrNull(r[at.merged_by], intern),
    milestoneId: numberOrNull(r[at.milestone_id]),
    headSha: r[at.head_sha] as string,
    headRef: r[at.head_ref] as string,
    baseRef: r[at.base_ref] as string,
    labels: stringList(r[at.labels]),
    readyAt: numberOrNull(r[at.ready_at]),
  }),
);

const timeline = columnsOf<PullRequestTimelineRecord>();
export const pullRequestTimeline = declareTable("pull_request_timeline", {
  installation_id: timeline.integer(),
  pull_request_id: timeline.integer(),
  at: timeline.integer(),
  kind: timeline.text(),
  repository_id: timeline.integer(),
});

const request = columnsOf<ReviewRequestRow>();
export const reviewRequests = declareTable(
  "review_requests",
  {
    installation_id: request.integer(),
    pull_request_id: request.integer(),
    requested_at: request.integer(),
    reviewer: request.text(),
    reviewer_type: request.text(),
    repository_id: request.integer(),
    requested_by: request.nullableText(),
    removed_at: request.nullableInteger(),
  },
  (r, at, intern) => ({
    installationId: r[at.installation_id] as number,
    pullRequestId: r[at.pull_request_id] as number,
    requestedAt: r[at.requested_at] as number,
    reviewer: intern(r[at.reviewer]),
    reviewerType: intern(r[at.reviewer_type]) as ReviewRequestRow["reviewerType"],
    repositoryId: r[at.repository_id] as number,
    requestedBy: stringOrNull(r[at.requested_by], intern),
    removedAt: numberOrNull(r[at.removed_at]),
  }),
);

const removal = columnsOf<ReviewRequestRemovalRow>();
export const reviewRequestRemovals = declareTable("review_request_removals", {
  installation_id: removal.integer(),
  pull_request_id: removal.integer(),
  reviewer: removal.text(),
  removed_at: removal.integer(),
  repository_id: removal.integer(),
});

const review = columnsOf<ReviewRow>();
export const reviews = declareTable(
  "reviews",
  {
    installation_id: review.integer(),
    pull_request_id: review.integer(),
    submitted_at: review.integer(),
    review_id: review.integer(),
    repository_id: review.integer(),
    reviewer_login: review.text((row) => row.reviewer.login),
    reviewer_type: review.text((row) => row.reviewer.type),
    author_association: review.nullableText(),
    state: review.nullableText((row) => row.state ?? null),
    dismissed: review.boolean(),
    commit_id: review.nullableText(),
  },
  (r, at, intern) => ({
    installationId: r[at.installation_id] as number,
    pullRequestId: r[at.pull_request_id] as number,
    submittedAt: r[at.submitted_at] as number,
    reviewId: r[at.review_id] as number,
    repositoryId: r[at.repository_id] as number,
    reviewer: { login: intern(r[at.reviewer_login]), type: intern(r[at.reviewer_type]) },
    authorAssociation: stringOrNull(r[at.author_association], intern),
    state: (r[at.state] === null ? undefined : intern(r[at.state])) as ReviewRow["state"],
    dismissed: flag(r[at.dismissed]),
    commitId: stringOrNull(r[at.commit_id]),
  }),
);

const milestone = columnsOf<StoredMilestone>();
export const { record: milestoneRecord, table: milestones } = versioned(
  "milestones",
  {
    installation_id: milestone.integer(),
    milestone_id: milestone.integer(),
    repository_id: milestone.integer(),
    number: milestone.integer(),
    title: milestone.text(),
    state: milestone.text(),
    due_on: milestone.nullableInteger(),
    closed_at: milestone.nullableInteger(),
    updated_at: milestone.integer(),
    deleted_at: milestone.nullableInteger(),
  },
  (r, at): MilestoneRow => ({
    installationId: r[at.installation_id] as number,
    milestoneId: r[at.milestone_id] as number,
    repositoryId: r[at.repository_id] as number,
    number: r[at.number] as number,
    title: r[at.title] as string,
    state: r[at.state] as MilestoneRow["state"],
    dueOn: numberOrNull(r[at.due_on]),
    closedAt: numberOrNull(r[at.closed_at]),
    updatedAt: r[at.updated_at] as number,
    deletedAt: numberOrNull(r[at.deleted_at]),
  }),
);

const issue = columnsOf<StoredIssue>();
export const { record: issueRecord, table: issues } = versioned(
  "issues",
  {
    installation_id: issue.integer(),
    issue_id: issue.integer(),
    repository_id: issue.integer(),
    number: issue.integer(),
    title: issue.text(),
    author_login: issue.text((row) => row.author.login),
    author_type: issue.text((row) => row.author.type),
    author_association: issue.text(),
    labels: issue.json((row) => row.labels),
    state: issue.text(),
    created_at: issue.integer(),
    updated_at: issue.integer(),
    closed_at: issue.nullableInteger(),
    milestone_id: issue.nullableInteger(),
  },
  (r, at, intern): IssueRecord => ({
    installationId: r[at.installation_id] as number,
    issueId: r[at.issue_id] as number,
    repositoryId: r[at.repository_id] as number,
    number: r[at.number] as number,
    title: r[at.title] as string,
    author: { login: intern(r[at.author_login]), type: intern(r[at.author_type]) },
    authorAssociation: intern(r[at.author_association]),
    labels: stringList(r[at.labels]),
    state: intern(r[at.state]) as IssueRecord["state"],
    createdAt: r[at.created_at] as number,
    updatedAt: r[at.updated_at] as number,
    closedAt: numberOrNull(r[at.closed_at]),
    milestoneId: numberOrNull(r[at.milestone_id]),
  }),
);

const comment = columnsOf<IssueCommentRecord>();
export const issueComments = declareTable(
  "issue_comments",
  {
    installation_id: comment.integer(),
    comment_id: comment.integer(),
    repository_id: comment.integer(),
    issue_id: comment.integer(),
    author_login: comment.text((row) => row.author.login),
    author_type: comment.text((row) => row.author.type),
    author_association: comment.text(),
    created_at: comment.integer(),
  },
  (r, at, intern) => ({
    installationId: r[at.installation_id] as number,
    commentId: r[at.comment_id] as number,
    repositoryId: r[at.repository_id] as number,
    issueId: r[at.issue_id] as number,
    author: { login: intern(r[at.author_login]), type: intern(r[at.author_type]) },
    authorAssociation: intern(r[at.author_association]),
    createdAt: r[at.created_at] as number,
  }),
);
