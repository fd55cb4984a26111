import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { describeError } from "../../src/github/index.js";
import { TestOctokit } from "../helpers/probot-server.js";

const octokit = new TestOctokit({ auth: { token: "ghp_test" } });
const failure = (request: Promise<unknown>) => request.then(() => undefined).catch((e) => e);

describe("one line for what went wrong", () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  afterEach(() => nock.cleanAll());

  it("names what GitHub denied", async () => {
    nock("https://api.github.com")
      .get("/repos/acme/widgets/milestones")
      .query(true)
      .reply(403, { message: "Resource not accessible by integration" });
    const error = await failure(
      octokit.request("GET /repos/{owner}/{repo}/milestones", { owner: "acme", repo: "widgets" }),
    );
    expect(describeError(error)).toBe(
      "GitHub denied GET /repos/acme/widgets/milestones (403: Resource not accessible by integration): the token or the app lacks a permission, or a rate limit was hit",
    );
  });

  it("says the host cannot be reached rather than calling it a GitHub error", async () => {
    nock("https://api.github.com")
      .post("/graphql")
      .replyWithError({ code: "ECONNREFUSED", message: "connect ECONNREFUSED 10.0.0.1:443" });
    const error = await failure(octokit.graphql("query { viewer { login } }"));
    expect(describeError(error)).toBe(
      "cannot reach GitHub (ECONNREFUSED): check GHE_HOST, the network or the proxy",
    );
  });

  it("passes on GraphQL's own messages, on one line", async () => {
    nock("https://api.github.com")
      .post("/graphql")
      .reply(200, {
        errors: [
          { message: "Field 'fullDatabaseId' doesn't exist on type 'PullRequest'" },
          { message: "Variable $since is declared by RepositoryPage but not used" },
        ],
      });
    const error = await failure(octokit.graphql("query { viewer { login } }"));
    expect(describeError(error)).toBe(
      "GitHub's GraphQL API answered: Field 'fullDatabaseId' doesn't exist on type 'PullRequest'; Variable $since is declared by RepositoryPage but not used",
    );
  });
});
