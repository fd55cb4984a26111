import type { Millis } from "../store/index.js";
import type { BackfillPosition } from "./backfill-position.js";
import { backfillQueries } from "./backfill-queries.js";
import type { BackfillGitHub } from "./github-client.js";
import {
  type IssueNode,
  type PullRequestNode,
  type RepositoryPageReply,
  repositoryPageReply,
} from "./graphql-replies.js";
import { parseReply } from "./parse-reply.js";
import type { RateLimitBudget } from "./rate-limit-budget.js";

/** The repository is not there, or these credentials cannot read it. */
export class RepositoryNotFoundError extends Error {
  override readonly name = "RepositoryNotFoundError";
  constructor(readonly fullName: string) {
    super(`repository ${fullName} was not found, or these credentials cannot read it`);
  }
}

/** A page of a repository that GitHub found: the repository is there. */
export type FoundRepositoryPage = RepositoryPageReply & {
  repository: NonNullable<RepositoryPageReply["repository"]>;
};

/** What one page holds to keep, and where each stream goes next. */
export interface PageContent {
  pullRequests: PullRequestNode[];
  issues: IssueNode[];
  next: BackfillPosition;
  oldestPullRequestUpdate: Millis | null;
}

/** GitHub answers an unknown or hidden repository with a NOT_FOUND error, REST with a 404. */
function isNotFound(error: unknown): boolean {
  const e = error as { status?: number; errors?: { type?: string }[] } | null;
  return e?.status === 404 || (e?.errors?.some((item) => item.type === "NOT_FOUND") ?? false);
}

function isoSeconds(at: Millis): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function pageVariables(owner: string, name: string, position: BackfillPosition) {
  const { pullRequests, issues, stale } = position.streams;
  return {
    owner,
    name,
    since: isoSeconds(position.fetchSince),
    pullRequestsAfter: pullRequests.after,
    withPullRequests: !pullRequests.done,
    issuesAfter: issues.after,
    withIssues: !issues.done,
    staleQuery: `repo:${owner}/${name} is:open updated:<${isoSeconds(position.fetchSince)}`,
    staleAfter: stale.after,
    withStale: !stale.done,
  };
}

/**
 * The next page of the repository's three streams (pull requests, issues, open items not updated
 * since), within the rate-limit budget; a repository GitHub does not show is a
 * RepositoryNotFoundError.
 */
export async function fetchRepositoryPage(
  github: BackfillGitHub,
  budget: RateLimitBudget,
  owner: string,
  name: string,
  position: BackfillPosition,
): Promise<FoundRepositoryPage> {
  const fullName = `${owner}/${name}`;
  const data = await budget
    .graphql(async () =>
      parseReply(
        repositoryPageReply,
        await github.graphql(backfillQueries().page, pageVariables(owner, name, position)),
        `the page of ${fullName}`,
      ),
    )
    .catch((error: unknown) => {
      throw isNotFound(error) ? new RepositoryNotFoundError(fullName) : error;
    });
  if (!data.repository) throw new RepositoryNotFoundError(fullName);
  return data as FoundRepositoryPage;
}

/** Splits one page into what to keep and where each stream goes next. */
export function readPage(data: RepositoryPageReply, position: BackfillPosition): PageContent {
  const next = structuredClone(position);
  const pullRequests: PullRequestNode[] = [];
  const issues: IssueNode[] = [];
  let oldestPullRequestUpdate: Millis | null = null;
  const prs = data.repository?.pullRequests;
  if (prs && !position.streams.pullRequests.done) {
    let reachedSince = false;
    for (const node of prs.nodes) {
      const updatedAt = Date.parse(node.updatedAt);
      // Newest update first: the first one older than `since` ends the stream.
      if (updatedAt < position.fetchSince) {
        reachedSince = true;
        break;
      }
      pullRequests.push(node);
      oldestPullRequestUpdate = updatedAt;
    }
    next.streams.pullRequests = {
      after: prs.pageInfo.endCursor,
      done: reachedSince || !prs.pageInfo.hasNextPage,
    };
  }
  const found = data.repository?.issues;
  if (found && !position.streams.issues.done) {
    issues.push(...found.nodes);
    next.streams.issues = { after: found.pageInfo.endCursor, done: !found.pageInfo.hasNextPage };
  }
  if (data.stale && !position.streams.stale.done) {
    for (const node of data.stale.nodes) {
      if (node.__typename === "PullRequest") pullRequests.push(node);
      else if (node.__typename === "Issue") issues.push(node);
    }
    next.streams.stale = {
      after: data.stale.pageInfo.endCursor,
      done: !data.stale.pageInfo.hasNextPage,
    };
  }
  return { pullRequests, issues, next, oldestPullRequestUpdate };
}
