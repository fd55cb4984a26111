import { type History, restMilestone } from "../../backfill/history.js";
import type { FakeGitHub } from "./fake-github.js";
import type { GitHubReply } from "./github-request.js";
import {
  COMMENT_PAGE,
  commentNodes,
  connection,
  issueNode,
  pullRequestNode,
  TIMELINE_PAGE,
  timelineItems,
} from "./history-nodes.js";

export interface RateLimitAnswer {
  cost: number;
  remaining: number;
  resetAt: string;
}

export interface GraphqlCall {
  operation: string;
  variables: Record<string, unknown>;
}

export interface HistoryApiOptions {
  /** A GitHub Enterprise Server: GraphQL at /api/graphql (REST is under /api/v3 there anyway). */
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

type Answer = { data: Record<string, unknown>; errors?: unknown[] };

const byUpdateDesc = <T extends { updatedAt: string; number: number }>(a: T, b: T) =>
  a.updatedAt === b.updatedAt ? b.number - a.number : a.updatedAt < b.updatedAt ? 1 : -1;

/** The answer to `RepositoryPage`: a page of pull requests, of recent issues, of stale items. */
function repositoryPage(history: History, v: Record<string, unknown>): Answer {
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

/** The answer to one of the backfill's queries, by its operation name; undefined if unknown. */
function queryAnswer(history: History, { operation, variables }: GraphqlCall): Answer | undefined {
  const pr = history.pullRequests.find((p) => p.nodeId === variables.id);
  const issue = history.issues.find((i) => i.nodeId === variables.id);
  switch (operation) {
    case "RepositoryPage":
      return repositoryPage(history, variables);
    case "PullRequestTimeline":
      return {
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
    case "IssueComments":
      return {
        data: {
          node: issue
            ? { comments: connection(commentNodes(issue), variables.after, COMMENT_PAGE) }
            : null,
        },
      };
    case "Item":
      return { data: { node: pr ? pullRequestNode(pr) : issue ? issueNode(issue) : null } };
    default:
      return undefined;
  }
}

/**
 * `github` answers for `history` after it happened, as the backfill reads it: its GraphQL
 * queries (with the `rateLimit` of each answer) and the repository's milestones over REST.
 * Returns every GraphQL call received, in order (the REST reads are in `github.reads`).
 */
export function serveHistory(
  github: FakeGitHub,
  history: History,
  options: HistoryApiOptions = {},
): { graphqlCalls: GraphqlCall[] } {
  const graphqlCalls: GraphqlCall[] = [];
  const rateLimit =
    options.rateLimit ??
    ((n: number) => ({ cost: 1, remaining: 4999 - n, resetAt: "2026-11-27T13:00:00Z" }));
  const graphqlPath = options.enterprise ? /^\/api\/graphql$/ : /^\/graphql$/;
  github.route(
    "POST",
    graphqlPath,
    (request): GitHubReply => {
      const body = request.body as { query: string; variables?: Record<string, unknown> };
      const call = {
        operation: /query (\w+)/.exec(body.query)?.[1] ?? "?",
        variables: body.variables ?? {},
      };
      const n = graphqlCalls.length;
      graphqlCalls.push(call);
      const overridden = options.override?.(n, call);
      if (overridden) {
        const [status, reply, headers] = overridden;
        return { status, body: reply, ...(headers ? { headers } : {}) };
      }
      const answer = queryAnswer(history, call);
      if (!answer) return { status: 400, body: { message: `unexpected query ${call.operation}` } };
      answer.data.rateLimit = rateLimit(n);
      options.edit?.(n, call, answer.data);
      return { status: 200, body: answer };
    },
    "graphql",
  );

  const { owner, name } = history.repository;
  const milestones = history.milestones.map((m) => restMilestone(m, null));
  github.route("GET", new RegExp(`^/repos/${owner}/${name}/milestones$`), (request) => {
    const page = Number(request.query.get("page") ?? "1");
    const listed = milestones.filter((m) => !options.unlisted?.includes(m.number));
    const reply = listed.slice((page - 1) * 100, page * 100);
    return { status: 200, body: options.milestoneList ? options.milestoneList(reply) : reply };
  });
  github.route("GET", new RegExp(`^/repos/${owner}/${name}/milestones/\\d+$`), (request) => {
    const number = Number(request.path.split("/").at(-1));
    const found = milestones.find((m) => m.number === number);
    return found ? { status: 200, body: found } : { status: 404, body: { message: "Not Found" } };
  });
  return { graphqlCalls };
}
