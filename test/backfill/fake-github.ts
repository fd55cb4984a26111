import nock from "nock";
import {
  GHOST,
  type History,
  type HistoryIssue,
  type HistoryPullRequest,
  issueUpdatedAt,
  lastEventAt,
  type PullRequestEvent,
  pullRequestStateAt,
  restMilestone,
  type User,
} from "./history.js";

/**
 * GitHub's GraphQL and REST APIs answering for a hand-made history after it happened, in the
 * shapes GitHub uses (nodes, connections with pageInfo, `rateLimit`, `__typename`, bots by their
 * bare name, deleted users as null), behind nock. Every request is counted.
 */

export interface RateLimitAnswer {
  cost: number;
  remaining: number;
  resetAt: string;
}

export interface GraphqlCall {
  operation: string;
  variables: Record<string, unknown>;
}

export interface FakeGitHubOptions {
  /** Default https://api.github.com; a GHES host serves GraphQL at /api/graphql, REST at /api/v3. */
  origin?: string;
  enterprise?: boolean;
  /** The rate limit reported with the n-th GraphQL request (0-based). */
  rateLimit?: (n: number) => RateLimitAnswer;
  /** Milestones created after the milestone list was read: only found one by one. */
  unlisted?: number[];
  /** Replaces the answer to the n-th GraphQL request: [status, body, headers]. */
  override?: (
    n: number,
    call: GraphqlCall,
  ) => [number, unknown, Record<string, string>?] | undefined;
  /** Changes the answer to the n-th GraphQL request in place (a field nulled or mistyped). */
  edit?: (n: number, call: GraphqlCall, data: Record<string, unknown>) => void;
  /** Replaces the milestone list (an error object instead of a list, say). */
  milestoneList?: (listed: unknown[]) => unknown;
}

export interface FakeGitHub {
  graphqlCalls: GraphqlCall[];
  restCalls: string[];
}

const TIMELINE_PAGE = 100;
const COMMENT_PAGE = 100;

export const cursorAt = (offset: number) => Buffer.from(`cursor:v2:${offset}`).toString("base64");
const offsetOf = (cursor: unknown) =>
  typeof cursor === "string"
    ? Number(Buffer.from(cursor, "base64").toString().split(":").at(-1))
    : 0;

function connection<T>(all: T[], after: unknown, size: number) {
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

export function graphqlActor(user: User) {
  if (user.login === GHOST.login) return null;
  if (user.type === "Bot") return { __typename: "Bot", login: user.login.replace(/\[bot\]$/, "") };
  return { __typename: "User", login: user.login };
}

function requestedReviewer(reviewer: User | { team: string }) {
  if ("team" in reviewer) return { __typename: "Team", slug: reviewer.team };
  return graphqlActor(reviewer);
}

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

function pullRequestNode(pr: HistoryPullRequest) {
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

function commentNodes(issue: HistoryIssue) {
  return issue.comments.map((c) => ({
    fullDatabaseId: String(c.id),
    author: graphqlActor(c.author),
    authorAssociation: c.association,
    createdAt: c.at,
  }));
}

function issueNode(issue: HistoryIssue) {
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

const byUpdateDesc = <T extends { updatedAt: string; number: number }>(a: T, b: T) =>
  a.updatedAt === b.updatedAt ? b.number - a.number : a.updatedAt < b.updatedAt ? 1 : -1;

function repositoryPage(history: History, v: Record<string, unknown>) {
  const repo = history.repository;
  if (v.owner !== repo.owner || v.name !== repo.name)
    return {
      data: { repository: null },
      errors: [
        {
          type: "NOT_FOUND",
          path: ["repository"],
          message: `Could not resolve to a Repository with the name '${v.owner}/${v.name}'.`,
        },
      ],
    };
  const pulls = history.pullRequests.map(pullRequestNode).sort(byUpdateDesc);
  const issues = history.issues.map(issueNode).sort(byUpdateDesc);
  const repository: Record<string, unknown> = {
    databaseId: repo.id,
    nameWithOwner: `${repo.owner}/${repo.name}`,
    isPrivate: repo.private,
    owner: { login: repo.owner },
  };
  if (v.withPullRequests)
    repository.pullRequests = {
      totalCount: pulls.length,
      ...connection(pulls, v.pullRequestsAfter, 50),
    };
  if (v.withIssues) {
    const since = typeof v.since === "string" ? v.since : "";
    const recent = issues.filter((i) => Date.parse(i.updatedAt) >= Date.parse(since));
    repository.issues = { totalCount: recent.length, ...connection(recent, v.issuesAfter, 50) };
  }
  const data: Record<string, unknown> = { repository };
  if (v.withStale) {
    const before = /updated:<(\S+)/.exec(String(v.staleQuery))?.[1] ?? "";
    const open = [
      ...pulls.filter((p) => p.state === "OPEN"),
      ...issues.filter((i) => i.issueState === "OPEN"),
    ].filter((item) => Date.parse(item.updatedAt) < Date.parse(before));
    data.stale = { issueCount: open.length, ...connection(open, v.staleAfter, 50) };
  }
  return { data };
}

/** Installs the fake on nock; `nock.cleanAll()` removes it. */
export function fakeGitHub(history: History, options: FakeGitHubOptions = {}): FakeGitHub {
  const origin = options.origin ?? "https://api.github.com";
  const graphqlPath = options.enterprise ? "/api/graphql" : "/graphql";
  const rest = options.enterprise ? "/api/v3" : "";
  const fake: FakeGitHub = { graphqlCalls: [], restCalls: [] };
  const rateLimit =
    options.rateLimit ??
    ((n: number) => ({ cost: 1, remaining: 4999 - n, resetAt: "2026-11-27T13:00:00Z" }));
  const { owner, name } = history.repository;

  nock(origin)
    .persist()
    .post(graphqlPath)
    .reply((_uri, body) => {
      const request = (typeof body === "string" ? JSON.parse(body) : body) as {
        query: string;
        variables?: Record<string, unknown>;
      };
      const operation = /query (\w+)/.exec(request.query)?.[1] ?? "?";
      const variables = request.variables ?? {};
      const n = fake.graphqlCalls.length;
      const call = { operation, variables };
      fake.graphqlCalls.push(call);
      const overridden = options.override?.(n, call);
      if (overridden) return overridden;
      let answer: { data: Record<string, unknown>; errors?: unknown[] };
      if (operation === "RepositoryPage") answer = repositoryPage(history, variables);
      else if (operation === "PullRequestTimeline") {
        const pr = history.pullRequests.find((p) => p.nodeId === variables.id);
        answer = {
          data: {
            node: pr
              ? {
                  timelineItems: connection(
                    timelineItems(pr),
                    variables.timelineAfter,
                    TIMELINE_PAGE,
                  ),
                }
              : null,
          },
        };
      } else if (operation === "IssueComments") {
        const issue = history.issues.find((i) => i.nodeId === variables.id);
        answer = {
          data: {
            node: issue
              ? { comments: connection(commentNodes(issue), variables.after, COMMENT_PAGE) }
              : null,
          },
        };
      } else if (operation === "Item") {
        const pr = history.pullRequests.find((p) => p.nodeId === variables.id);
        const issue = history.issues.find((i) => i.nodeId === variables.id);
        answer = { data: { node: pr ? pullRequestNode(pr) : issue ? issueNode(issue) : null } };
      } else return [400, { message: `unexpected query ${operation}` }];
      answer.data.rateLimit = rateLimit(n);
      options.edit?.(n, call, answer.data);
      return [200, answer];
    });

  const milestones = history.milestones.map((m) => restMilestone(m, null));
  nock(origin)
    .persist()
    .get(`${rest}/repos/${owner}/${name}/milestones`)
    .query(true)
    .reply((uri) => {
      fake.restCalls.push(`GET ${uri}`);
      const page = Number(new URL(uri, origin).searchParams.get("page") ?? "1");
      const listed = milestones.filter((m) => !options.unlisted?.includes(m.number));
      const reply = listed.slice((page - 1) * 100, page * 100);
      return [200, options.milestoneList ? options.milestoneList(reply) : reply];
    });
  nock(origin)
    .persist()
    .get(new RegExp(`^${rest}/repos/${owner}/${name}/milestones/(\\d+)$`))
    .reply((uri) => {
      fake.restCalls.push(`GET ${uri}`);
      const number = Number(uri.split("/").at(-1));
      const found = milestones.find((m) => m.number === number);
      return found ? [200, found] : [404, { message: "Not Found" }];
    });
  return fake;
}
