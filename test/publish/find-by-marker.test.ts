import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type GitHubTarget, octokitTarget } from "../../src/github/index.js";
import {
  type CheckRunContent,
  issueMarker,
  type PublishContext,
  writeCheckRun,
  writeIssue,
  writeIssueComment,
} from "../../src/publish/index.js";
import { FakeGitHub, nockGitHub } from "../helpers/github/index.js";
import { TestOctokit } from "../helpers/probot-server.js";
import { type TempStore, tempStore } from "../helpers/temp-store.js";

const repository = { owner: "acme", repo: "widgets" };
const issue = {
  key: "release-readiness:acme/widgets:milestone:7",
  title: "Release readiness: v2.0",
  body: "2 pull requests are still open.",
  labels: ["release-readiness"],
};

describe("finding what we published again by its marker, when the store does not know it", () => {
  let github: FakeGitHub;
  let first: TempStore;
  let forgetful: TempStore;
  const context = (store: TempStore, target?: GitHubTarget): PublishContext => ({
    store: store.store,
    target: target ?? octokitTarget(new TestOctokit({ auth: "test" })),
    installationId: 41,
    now: Date.parse("2026-11-27T09:00:00Z"),
  });
  const withMarker = (key: string) =>
    github.issues.filter((i) => i.body.includes(issueMarker(key)));

  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  beforeEach(async () => {
    github = new FakeGitHub();
    nockGitHub(github);
    first = await tempStore();
    forgetful = await tempStore();
  });
  afterEach(async () => {
    nock.cleanAll();
    await first.cleanup();
    await forgetful.cleanup();
  });

  it("reads past GitHub's first page: our issue is older than 150 others with its label", async () => {
    await writeIssue(context(first), repository, issue);
    const target = octokitTarget(new TestOctokit({ auth: "test" }));
    for (let n = 0; n < 150; n++)
      await target.send({
        method: "POST",
        path: "/repos/acme/widgets/issues",
        body: { title: `v${n}`, body: issueMarker(`other:${n}`), labels: issue.labels },
      });

    const { result, number } = await writeIssue(context(forgetful), repository, {
      ...issue,
      body: "1 pull request is still open.",
    });
    expect(result).toBe("updated");
    expect(withMarker(issue.key)).toHaveLength(1);
    expect(number).toBe(withMarker(issue.key)[0]?.number);
  });

  it("finds its comment after 130 comments of people on the same issue", async () => {
    const { number } = await writeIssue(context(first), repository, issue);
    const target = octokitTarget(new TestOctokit({ auth: "test" }));
    for (let n = 0; n < 130; n++)
      await target.send({
        method: "POST",
        path: `/repos/acme/widgets/issues/${number}/comments`,
        body: { body: `a person's comment ${n}` },
      });
    const part = { key: "report:part-2", body: "Part 2 of 2." };
    await writeIssueComment(context(first), repository, number, part);
    const edited = { ...part, body: "Part 2 of 2, edited." };
    expect(await writeIssueComment(context(forgetful), repository, number, edited)).toBe("updated");
    expect(github.comments.filter((c) => c.body.includes(issueMarker(part.key)))).toHaveLength(1);
  });

  it("takes a reply that is not a list of issues as an error, never as 'not there'", async () => {
    const answers: unknown[] = [{ message: "Moved" }, [{ body: issueMarker(issue.key) }]];
    for (const answer of answers) {
      const target: GitHubTarget = {
        read: async () => answer,
        send: async () => {
          throw new Error("nothing may be written after a bad listing");
        },
      };
      await expect(writeIssue(context(forgetful, target), repository, issue)).rejects.toThrow(
        /GitHub answered GET \/repos\/acme\/widgets\/issues with/,
      );
    }
  });

  it("takes a check-run listing without its list as an error, never as 'no check run yet'", async () => {
    const target: GitHubTarget = {
      read: async () => ({ message: "Moved" }),
      send: async () => {
        throw new Error("nothing may be written after a bad listing");
      },
    };
    const check: CheckRunContent = {
      name: "Release readiness",
      head_sha: "4f1c0de",
      external_id: "release-readiness:PR_kwDOAAAB",
      conclusion: "neutral",
      output: { title: "At risk", summary: "Waiting on a review." },
    };
    await expect(writeCheckRun(context(forgetful, target), repository, check)).rejects.toThrow(
      /GitHub answered GET \/repos\/acme\/widgets\/commits\/4f1c0de\/check-runs with no check_runs list/,
    );
  });
});
