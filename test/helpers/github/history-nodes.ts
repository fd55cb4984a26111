import {
  GHOST,
  type HistoryIssue,
  type HistoryPullRequest,
  issueUpdatedAt,
  lastEventAt,
  type PullRequestEvent,
  pullRequestStateAt,
  type User,
} from "../../backfill/history.js";

/**
 * A history's pull requests, issues and people in the shapes of GitHub's GraphQL API: nodes,
 * connections with pageInfo, `__typename`, bots by their bare name, deleted users as null.
 */

export const TIMELINE_PAGE = 100;
export const COMMENT_PAGE = 100;

/** The opaque cursor GitHub hands out after `offset` nodes. */
export const cursorAt = (offset: number) => Buffer.from(`cursor:v2:${offset}`).toString("base64");
const offsetOf = (cursor: unknown) =>
  typeof cursor === "string"
    ? Number(Buffer.from(cursor, "base64").toString().split(":").at(-1))
    : 0;

/** The page of `all` after the cursor `after`, `size` nodes long, as a connection. */
export function connection<T>(all: T[], after: unknown, size: number) {
  const start = offsetOf(after);
  const nodes = all.slice(start, start + size);
  return {
    pageInfo: {
      hasNextPage: start + size < all.length,
      endCursor: nodes.length > 0 ? cursorAt(start + nodes.length) : (after ?? null),
    },
    nodes,
  };
}

function graphqlActor(user: User) {
  if (user.login === GHOST.login) return null;
  if (user.type === "Bot") return { __typename: "Bot", login: user.login.replace(/\[bot\]$/, "") };
  return { __typename: "User", login: user.login };
}

function requestedReviewer(reviewer: User | { team: string }) {
  if ("team" in reviewer) return { __typename: "Team", slug: reviewer.team };
  return graphqlActor(reviewer);
}

/** A pull request's events as its `timelineItems` nodes. */
export function timelineItems(pr: HistoryPullRequest) {
  const dismissed = new Set(
    pr.events.flatMap((e) => (e.kind === "review_dismissed" ? [e.reviewId] : [])),
  );
  const reviewOf = (id: number) =>
    pr.events.find((e) => e.kind === "review" && e.id === id) as Extract<
      PullRequestEvent,
      { kind: "review" }
    >;
  return pr.events.flatMap((event): Record<string, unknown>[] => {
    switch (event.kind) {
      case "review":
        return [
          {
            __typename: "PullRequestReview",
            fullDatabaseId: String(event.id),
            author: graphqlActor(event.by),
            authorAssociation: event.association,
            state: dismissed.has(event.id) ? "DISMISSED" : event.state,
            submittedAt: event.at,
            commit: { oid: pr.headSha },
          },
        ];
      case "review_requested":
      case "review_request_removed":
        return [
          {
            __typename:
              event.kind === "review_requested"
                ? "ReviewRequestedEvent"
                : "ReviewRequestRemovedEvent",
            createdAt: event.at,
            actor: graphqlActor(event.by),
            requestedReviewer: requestedReviewer(event.reviewer),
          },
        ];
      case "review_dismissed":
        return [
          {
            __typename: "ReviewDismissedEvent",
            createdAt: event.at,
            previousReviewState: reviewOf(event.reviewId).state,
            review: { fullDatabaseId: String(event.reviewId) },
          },
        ];
      case "ready_for_review":
        return [{ __typename: "ReadyForReviewEvent", createdAt: event.at }];
      case "converted_to_draft":
        return [{ __typename: "ConvertToDraftEvent", createdAt: event.at }];
      case "milestoned":
        return [{ __typename: "MilestonedEvent", createdAt: event.at, milestoneTitle: "m" }];
      case "demilestoned":
        return [{ __typename: "DemilestonedEvent", createdAt: event.at, milestoneTitle: "m" }];
      default:
        return [];
    }
  });
}

/** A pull request as it stands after its last event, with the first page of its timeline. */
export function pullRequestNode(pr: HistoryPullRequest) {
  const s = pullRequestStateAt(pr, pr.events.length - 1);
  return {
    __typename: "PullRequest",
    id: pr.nodeId,
    fullDatabaseId: String(pr.id),
    number: pr.number,
    title: pr.title,
    author: graphqlActor(pr.author),
    authorAssociation: pr.association,
    isDraft: s.draft,
    state: s.merged ? "MERGED" : s.open ? "OPEN" : "CLOSED",
    createdAt: pr.events[0]?.at,
    updatedAt: lastEventAt(pr),
    closedAt: s.closedAt,
    mergedAt: s.mergedAt,
    mergedBy: s.mergedBy ? graphqlActor(s.mergedBy) : null,
    milestone: s.milestone === null ? null : { number: s.milestone },
    headRefOid: pr.headSha,
    headRefName: pr.headRef,
    baseRefName: "main",
    labels: { nodes: s.labels.map((name) => ({ name })) },
    timelineItems: connection(timelineItems(pr), null, TIMELINE_PAGE),
  };
}

/** An issue's comments as `comments` nodes. */
export function commentNodes(issue: HistoryIssue) {
  return issue.comments.map((c) => ({
    fullDatabaseId: String(c.id),
    author: graphqlActor(c.author),
    authorAssociation: c.association,
    createdAt: c.at,
  }));
}

/** An issue with the first page of its comments. */
export function issueNode(issue: HistoryIssue) {
  return {
    __typename: "Issue",
    id: issue.nodeId,
    fullDatabaseId: String(issue.id),
    number: issue.number,
    title: issue.title,
    author: graphqlActor(issue.author),
    authorAssociation: issue.association,
    labels: { nodes: issue.labels.map((name) => ({ name })) },
    issueState: issue.closedAt ? "CLOSED" : "OPEN",
    createdAt: issue.createdAt,
    updatedAt: issueUpdatedAt(issue),
    closedAt: issue.closedAt,
    milestone: issue.milestone === null ? null : { number: issue.milestone },
    comments: connection(commentNodes(issue), null, COMMENT_PAGE),
  };
}
