import nock from "nock";

const API = "https://api.github.com";
const HOUR = 3_600_000;

/**
 * Enough of GitHub behind nock for counting requests: REST writes answer like GitHub (new ids
 * and numbers), REST reads find nothing, and GraphQL serves a repository of `pullRequests` pull
 * requests (five reviews and one review request each) in the shapes the backfill queries ask for.
 */
export function installFakeGitHub(options: {
  owner: string;
  name: string;
  repositoryId: number;
  pullRequests: number;
  now: number;
}): { graphqlOperations: string[] } {
  let nextId = 1;
  const seen = { graphqlOperations: [] as string[] };
  const rest = nock(API).persist();
  rest
    .get(/.*/)
    .query(true)
    .reply((uri) => [200, uri.includes("/check-runs") ? { total_count: 0, check_runs: [] } : []]);
  rest.post(/^\/repos\//).reply((_uri, body) => {
    const id = nextId++;
    return [201, { ...(body as object), id, number: id }];
  });
  rest.patch(/^\/repos\//).reply((_uri, body) => [200, body]);
  rest.delete(/^\/repos\//).reply(204);

  const actor = (login: string) => ({ __typename: "User", login });
  const nodes = Array.from({ length: options.pullRequests }, (_, i) => {
    const number = options.pullRequests - i;
    const updatedAt = new Date(options.now - i * HOUR).toISOString();
    const createdAt = new Date(options.now - i * HOUR - 48 * HOUR).toISOString();
    const author = `dev${number % 40}`;
    const items: Record<string, unknown>[] = [
      {
        __typename: "ReviewRequestedEvent",
        createdAt,
        actor: actor(author),
        requestedReviewer: actor(`dev${(number + 1) % 40}`),
      },
      ...Array.from({ length: 5 }, (_, r) => ({
        __typename: "PullRequestReview",
        fullDatabaseId: String(number * 10 + r),
        author: actor(`dev${(number + r + 1) % 40}`),
        authorAssociation: "MEMBER",
        state: r === 4 ? "APPROVED" : "COMMENTED",
        submittedAt: new Date(Date.parse(createdAt) + (r + 1) * HOUR).toISOString(),
        commit: { oid: `sha${number}` },
      })),
    ];
    return {
      __typename: "PullRequest",
      id: `PR_fake_${number}`,
      fullDatabaseId: String(900_000 + number),
      number,
      title: `Change ${number}`,
      author: actor(author),
      authorAssociation: "MEMBER",
      isDraft: false,
      state: "MERGED",
      createdAt,
      updatedAt,
      closedAt: updatedAt,
      mergedAt: updatedAt,
      mergedBy: actor(`dev${(number + 2) % 40}`),
      milestone: null,
      headRefOid: `sha${number}`,
      headRefName: `change-${number}`,
      baseRefName: "main",
      labels: { nodes: [] },
      timelineItems: { pageInfo: { hasNextPage: false, endCursor: "t" }, nodes: items },
    };
  });
  const page = (all: unknown[], after: unknown) => {
    const start = typeof after === "string" ? Number(after) : 0;
    const slice = all.slice(start, start + 50);
    return {
      totalCount: all.length,
      pageInfo: { hasNextPage: start + 50 < all.length, endCursor: String(start + slice.length) },
      nodes: slice,
    };
  };
  nock(API)
    .persist()
    .post("/graphql")
    .reply((_uri, body) => {
      const request = body as { query: string; variables?: Record<string, unknown> };
      const operation = /query (\w+)/.exec(request.query)?.[1] ?? "?";
      seen.graphqlOperations.push(operation);
      const v = request.variables ?? {};
      const rateLimit = {
        cost: 1,
        remaining: 4_999 - seen.graphqlOperations.length,
        resetAt: new Date(options.now + HOUR).toISOString(),
      };
      if (operation !== "RepositoryPage") return [200, { data: { rateLimit, node: null } }];
      const repository: Record<string, unknown> = {
        databaseId: options.repositoryId,
        nameWithOwner: `${options.owner}/${options.name}`,
        isPrivate: false,
        owner: { login: options.owner },
      };
      if (v.withPullRequests) repository.pullRequests = page(nodes, v.pullRequestsAfter);
      if (v.withIssues) repository.issues = page([], v.issuesAfter);
      const data: Record<string, unknown> = { rateLimit, repository };
      if (v.withStale) data.stale = { issueCount: 0, ...page([], v.staleAfter) };
      return [200, { data }];
    });
  return seen;
}
