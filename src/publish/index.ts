export { contentHash } from "./content-hash.js";
export { withDryRunPublications } from "./dry-run-store.js";
export {
  type CheckRunContent,
  checkRunPublicationKey,
  type PublishCheckRunOptions,
  publishCheckRun,
} from "./publish-check-run.js";
export type { PublishContext, PublishResult } from "./publish-context.js";
export {
  closeIssue,
  findIssue,
  type IssueContent,
  issueMarker,
  publishIssue,
} from "./publish-issue.js";
export {
  deleteIssueComment,
  type IssueCommentContent,
  publishIssueComment,
} from "./publish-issue-comment.js";
export { publishIssueInParts } from "./publish-issue-in-parts.js";
