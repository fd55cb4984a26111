/** The shapes the queries in this folder select, as GitHub's GraphQL API returns them. */

export interface GraphqlActor {
  __typename: string;
  login: string;
}

export interface RateLimit {
  cost: number;
  remaining: number;
  resetAt: string;
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Connection<T> {
  pageInfo: PageInfo;
  nodes: T[];
}

export type RequestedReviewer =
  | { __typename: "User" | "Bot" | "Mannequin"; login: string }
  | { __typename: "Team"; slug: string };

export type TimelineItem =
  | {
      __typename: "PullRequestReview";
      fullDatabaseId: string;
      author: GraphqlActor | null;
      authorAssociation: string;
      state: string;
      submittedAt: string | null;
      commit: { oid: string } | null;
    }
  | {
      __typename: "ReviewRequestedEvent" | "ReviewRequestRemovedEvent";
      createdAt: string;
      actor: GraphqlActor | null;
      requestedReviewer: RequestedReviewer | null;
    }
  | {
      __typename: "ReviewDismissedEvent";
      createdAt: string;
      previousReviewState: string;
      review: { fullDatabaseId: string } | null;
    }
  | {
      __typename:
        | "ReadyForReviewEvent"
        | "ConvertToDraftEvent"
        | "MilestonedEvent"
        | "DemilestonedEvent";
      createdAt: string;
    };

export interface PullRequestNode {
  __typename?: "PullRequest";
  id: string;
  fullDatabaseId: string;
  number: number;
  title: string;
  author: GraphqlActor | null;
  authorAssociation: string;
  isDraft: boolean;
  state: "OPEN" | "CLOSED" | "MERGED";
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedAt: string | null;
  mergedBy: GraphqlActor | null;
  milestone: { number: number } | null;
  headRefOid: string;
  headRefName: string;
  baseRefName: string;
  labels: { nodes: { name: string }[] } | null;
  timelineItems: Connection<TimelineItem>;
}

export interface IssueCommentNode {
  fullDatabaseId: string;
  author: GraphqlActor | null;
  authorAssociation: string;
  createdAt: string;
}

export interface IssueNode {
  __typename?: "Issue";
  id: string;
  fullDatabaseId: string;
  number: number;
  title: string;
  author: GraphqlActor | null;
  authorAssociation: string;
  labels: { nodes: { name: string }[] } | null;
  issueState: "OPEN" | "CLOSED";
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  milestone: { number: number } | null;
  comments: Connection<IssueCommentNode>;
}

export interface RepositoryPageResponse {
  rateLimit: RateLimit | null;
  repository: {
    databaseId: number;
    nameWithOwner: string;
    isPrivate: boolean;
    owner: { login: string };
    pullRequests?: Connection<PullRequestNode> & { totalCount: number };
    issues?: Connection<IssueNode> & { totalCount: number };
  } | null;
  stale?: Connection<
    (PullRequestNode & { __typename: "PullRequest" }) | (IssueNode & { __typename: "Issue" })
  > & { issueCount: number };
}

export interface PullRequestTimelineResponse {
  rateLimit: RateLimit | null;
  node: { timelineItems: Connection<TimelineItem> } | null;
}

export interface IssueCommentsResponse {
  rateLimit: RateLimit | null;
  node: { comments: Connection<IssueCommentNode> } | null;
}
