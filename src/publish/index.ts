export { contentHash } from "./content-hash.js";
export { withDryRunPublications } from "./dry-run-store.js";
export type { PublishContext, PublishResult } from "./publish-context.js";
export {
  type CheckRunContent,
  checkRunPublicationKey,
  type WriteCheckRunOptions,
  writeCheckRun,
} from "./write-check-run.js";
export {
  closeIssue,
  findIssue,
  type IssueContent,
  issueMarker,
  writeIssue,
} from "./write-issue.js";
export {
  deleteIssueComment,
  type IssueCommentContent,
  writeIssueComment,
} from "./write-issue-comment.js";
export { writeIssueInParts } from "./write-issue-in-parts.js";
