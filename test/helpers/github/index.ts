import type { History } from "../../backfill/history.js";
import { FakeGitHub, type FakeGitHubOptions } from "./fake-github.js";
import { type GraphqlCall, type HistoryApiOptions, serveHistory } from "./history-api.js";
import { nockGitHub } from "./nock-github.js";

export { fileReply } from "./contents.js";
export {
  type DeliveredEvent,
  DeliveringGitHub,
  type DeliveringGitHubOptions,
  type DeliveryAttempt,
  type DeliveryTarget,
  startDeliveringGitHub,
} from "./delivering-github.js";
export {
  type CheckRun,
  FakeGitHub,
  type FakeGitHubOptions,
  type Issue,
  type IssueComment,
  type RecordedWrite,
} from "./fake-github.js";
export type { Fault } from "./faults.js";
export { fileContents } from "./file-contents.js";
export type { GitHubReply, GitHubRequest } from "./github-request.js";
export { type GitHubServer, startFakeGitHub, startGitHubServer } from "./github-server.js";
export {
  type GraphqlCall,
  type HistoryApiOptions,
  type RateLimitAnswer,
  serveHistory,
} from "./history-api.js";
export { cursorAt } from "./history-nodes.js";
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

/**
 * A fake GitHub served through nock (as `fakeGitHub`) that also answers for `history`: the
 * backfill's GraphQL queries and the milestones; `graphqlCalls` lists the queries received.
 */
export function historyGitHub(
  history: History,
  options: FakeGitHubOptions & HistoryApiOptions & { origin?: string } = {},
): FakeGitHub & { graphqlCalls: GraphqlCall[]; stop: () => void } {
  const github = fakeGitHub(options);
  return Object.assign(github, serveHistory(github, history, options));
}
