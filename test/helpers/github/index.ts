import { FakeGitHub, type FakeGitHubOptions } from "./fake-github.js";
import { nockGitHub } from "./nock-github.js";

export { fileContents, fileReply } from "./contents.js";
export {
  type CheckRun,
  FakeGitHub,
  type FakeGitHubOptions,
  type Issue,
  type IssueComment,
  type RecordedWrite,
} from "./fake-github.js";
export type { Fault } from "./faults.js";
export type { GitHubReply, GitHubRequest } from "./github-request.js";
export { type GitHubServer, startGitHubServer } from "./github-server.js";
export { API, nockGitHub } from "./nock-github.js";
export { refusingGitHub } from "./refusing-github.js";
export { CLIENT_ID, CLIENT_SECRET, type SignedInUser, signInWithGitHub } from "./sign-in.js";

/** A fake GitHub served through nock at `origin` (default api.github.com); `stop` removes it. */
export function fakeGitHub(
  options: FakeGitHubOptions & { origin?: string } = {},
): FakeGitHub & { stop: () => void } {
  const github = new FakeGitHub(options);
  return Object.assign(github, nockGitHub(github, options.origin));
}
