import { validate } from "@octokit/graphql-schema";
import { describe, expect, it } from "vitest";
import { loadQuery } from "../../src/backfill/load-query.js";

const defined = (text: string) =>
  new Set([...text.matchAll(/^fragment (\w+) on /gm)].map((m) => m[1]));
const spread = (text: string) => new Set([...text.matchAll(/\.\.\.(\w+)/g)].map((m) => m[1]));

describe("the GraphQL documents sent to GitHub", () => {
  it.each([
    ["repository-page", "RepositoryPage"],
    ["pull-request-timeline", "PullRequestTimeline"],
    ["issue-comments", "IssueComments"],
  ])("%s carries exactly the fragments it uses (GitHub rejects unused ones)", (file, operation) => {
    const document = loadQuery(file);
    expect(document.startsWith("#") || document.startsWith("query")).toBe(true);
    expect(document).toContain(`query ${operation}(`);
    expect(defined(document)).toEqual(spread(document));
    expect(document).toContain("rateLimit");
  });

  it.each(["repository-page", "pull-request-timeline", "issue-comments"])(
    "%s is valid against GitHub's public GraphQL schema",
    (file) => {
      expect(validate(loadQuery(file)).map((error) => error.message)).toEqual([]);
    },
  );

  it("asks for 50 pull requests and 50 issues a page, 100 timeline items and comments each", () => {
    const page = loadQuery("repository-page");
    expect(page.match(/pullRequests\(\s*first: 50/g)).toHaveLength(1);
    expect(page.match(/issues\(\s*first: 50/g)).toHaveLength(1);
    expect(page).toMatch(/timelineItems\(\s*first: 100/);
    expect(page).toMatch(/comments\(first: 100\)/);
  });
});
