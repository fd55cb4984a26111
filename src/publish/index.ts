export { contentHash } from "./content-hash.js";
export {
  dryRunTarget,
  type GitHubTarget,
  type GitHubWrite,
  octokitTarget,
} from "./github-write.js";
export { type CheckRunContent, publishCheckRun } from "./publish-check-run.js";
export {
  type PublishContext,
  type PublishResult,
  type RepositoryRef,
  repositoryPath,
} from "./publish-context.js";
export { closeIssue, type IssueContent, issueMarker, publishIssue } from "./publish-issue.js";
