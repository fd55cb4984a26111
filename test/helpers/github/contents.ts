import nock from "nock";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { type ConfigResult, loadConfig } from "../../../src/config/index.js";
import { TestOctokit } from "../probot-server.js";
import { fileContents } from "./file-contents.js";

export { API } from "./nock-github.js";

/** The contents route of a file, with its path as one URL-encoded segment as Octokit sends it. */
export const contents = (repo: string, path = ".github/expectations.yml") =>
  `/repos/${repo}/contents/${encodeURIComponent(path)}`;

/** GitHub's answer with a file of the contents API, as nock's `reply` arguments. */
export function fileReply(text: string) {
  return [200, fileContents(text), { "content-type": "application/json; charset=utf-8" }] as const;
}

export const notFound = [404, { message: "Not Found" }] as const;

/**
 * nock for each test of the block: no other network, and every reply set up is asked for.
 * Returns a load of `o/<repo>`'s config through an Octokit as the app makes one.
 */
export function configFromNock(): (repo?: string) => Promise<ConfigResult> {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });
  return (repo = "r") => loadConfig(new TestOctokit({ auth: "test" }), { owner: "o", repo });
}
