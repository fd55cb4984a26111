import { labelNames, millis, normalizeReviewState } from "../ingest/index.js";
import type {
  PullRequestRecord,
  ReviewRecord,
  ReviewRequestRecord,
  StoreChange,
} from "../store/index.js";
import { graphqlActor } from "./graphql-actor.js";
import type { PullRequestNode, RequestedReviewer, TimelineItem } from "./graphql-replies.js";
import { milestoneIdOf, type RepositoryContext } from "./repository-context.js";

type ReviewItem = Extract<TimelineItem, { __typename: "PullRequestReview" }>;
type RequestItem = Extract<
  TimelineItem,
  { __typename: "ReviewRequestedEvent" | "ReviewRequestRemovedEvent" }
>;

function requestedReviewer(
  reviewer: RequestedReviewer | null,
  context: RepositoryContext,
): Pick<ReviewRequestRecord, "reviewer" | "reviewerType"> {
  if (reviewer?.__typename === "Team")
    return { reviewer: `@${context.ownerLogin}/${reviewer.slug}`, reviewerType: "Team" };
  const actor = graphqlActor(reviewer);
  return { reviewer: actor.login, reviewerType: actor.type === "Bot" ? "Bot" : "User" };
}

/**
 * Webhooks say how a PR was opened; the timeline only shows later draft transitions, so the
 * first of them (or the draft flag, if there is none) tells it.
 */
function openedAs(
  node: PullRequestNode,
  items: TimelineItem[],
): "opened_as_draft" | "opened_ready" {
  const first = items.find(
    (item) =>
      item.__typename === "ReadyForReviewEvent" || item.__typename === "ConvertToDraftEvent",
  );
  if (first) return first.__typename === "ReadyForReviewEvent" ? "opened_as_draft" : "opened_ready";
  return node.isDraft ? "opened_as_draft" : "opened_ready";
}

function reviewRecord(
  item: ReviewItem,
  base: { installationId: number; repositoryId: number; pullRequestId: number },
  stateBeforeDismissal: ReadonlyMap<string, string>,
): ReviewRecord | null {
  const submittedAt = millis(item.submittedAt);
  const { state, dismissed, pending } = normalizeReviewState(item.state);
  if (pending || submittedAt === null) return null;
  const previous = stateBeforeDismissal.get(item.fullDatabaseId);
  return {
    ...base,
    reviewId: Number(item.fullDatabaseId),
    reviewer: graphqlActor(item.author),
    state: dismissed && previous ? normalizeReviewState(previous).state : state,
    dismissed,
    submittedAt,
    commitId: item.commit?.oid ?? null,
    authorAssociation: item.authorAssociation,
  };
}

/**
 * The records ingest would have written for this pull request had the app seen its webhooks:
 * the PR as it is now, how it was opened, its draft transitions, review requests and reviews.
 * `items` is the PR's whole (filtered) timeline, oldest first.
 */
export function pullRequestChanges(
  node: PullRequestNode,
  items: TimelineItem[],
  context: RepositoryContext,
): StoreChange[] {
  const { installationId, repositoryId } = context;
  const pullRequestId = Number(node.fullDatabaseId);
  const mergedAt = millis(node.mergedAt);
  const record: PullRequestRecord = {
    installationId,
    repositoryId,
    pullRequestId,
    nodeId: node.id,
    number: node.number,
    title: node.title,
    author: graphqlActor(node.author),
    authorAssociation: node.authorAssociation,
    draft: node.isDraft,
    state: node.state === "OPEN" ? "open" : "closed",
    createdAt: millis(node.createdAt),
    updatedAt: millis(node.updatedAt),
    closedAt: millis(node.closedAt),
    mergedAt,
    mergedBy: mergedAt === null ? null : graphqlActor(node.mergedBy).login,
    milestoneId: milestoneIdOf(context, node.milestone),
    headSha: node.headRefOid,
    headRef: node.headRefName,
    baseRef: node.baseRefName,
    labels: labelNames(node.labels?.nodes),
  };
  const base = { installationId, repositoryId, pullRequestId };
  const changes: StoreChange[] = [
    { kind: "pull_request", record },
    {
      kind: "pull_request_timeline",
      record: { ...base, kind: openedAs(node, items), at: record.createdAt },
    },
  ];
  const stateBeforeDismissal = new Map<string, string>();
  for (const item of items) {
    if (item.__typename === "ReviewDismissedEvent" && item.review)
      stateBeforeDismissal.set(item.review.fullDatabaseId, item.previousReviewState);
  }
  for (const item of items) {
    switch (item.__typename) {
      case "ReadyForReviewEvent":
      case "ConvertToDraftEvent":
        changes.push({
          kind: "pull_request_timeline",
          record: {
            ...base,
            kind:
              item.__typename === "ReadyForReviewEvent" ? "ready_for_review" : "converted_to_draft",
            at: millis(item.createdAt),
          },
        });
        break;
      case "ReviewRequestedEvent":
      case "ReviewRequestRemovedEvent":
        changes.push(reviewRequestChange(item, base, context));
        break;
      case "PullRequestReview": {
        const review = reviewRecord(item, base, stateBeforeDismissal);
        if (review) changes.push({ kind: "review", record: review });
        break;
      }
      // Milestone events add nothing: the store keeps a PR's current milestone, as ingest does.
    }
  }
  return changes;
}

function reviewRequestChange(
  item: RequestItem,
  base: { installationId: number; repositoryId: number; pullRequestId: number },
  context: RepositoryContext,
): StoreChange {
  const record: ReviewRequestRecord = {
    ...base,
    ...requestedReviewer(item.requestedReviewer, context),
    at: millis(item.createdAt),
    by: graphqlActor(item.actor).login,
  };
  return item.__typename === "ReviewRequestedEvent"
    ? { kind: "review_requested", record }
    : { kind: "review_request_removed", record };
}
