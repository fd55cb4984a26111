export { contentHash } from "./content-hash.js";
export { createOnce } from "./create-once.js";
export { withDryRunPublications } from "./dry-run-store.js";
export { expectationsOctokit, GITHUB_REQUEST_TIMEOUT_MS } from "./expectations-octokit.js";
export { githubWebUrl } from "./github-web-url.js";
export {
  dryRunTarget,
  type GitHubTarget,
  type GitHubWrite,
  octokitTarget,
  type SendOptions,
} from "./github-write.js";
export {
  appConnector,
  type InstallationConnection,
  octokitConnection,
} from "./installation-connection.js";
export { withPublicationLock } from "./publication-lock.js";
export {
  type CheckRunContent,
  checkRunPublicationKey,
  type PublishCheckRunOptions,
  publishCheckRun,
} from "./publish-check-run.js";
export {
  type PublishContext,
  type PublishResult,
  type RepositoryRef,
  repositoryPath,
} from "./publish-context.js";
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
export { type IssueInParts, publishIssueInParts } from "./publish-issue-in-parts.js";
export {
  type PublishLog,
  publishReleaseReadiness,
  type ReleaseReadinessOptions,
  type ReleaseReadinessOutcome,
  type ReleaseReadinessScope,
} from "./publish-release-readiness.js";
export {
  publishStoreReleaseReadiness,
  type StoreReleaseReadinessOptions,
} from "./publish-store-release-readiness.js";
export {
  type ReleaseReadinessReactionOptions,
  releaseReadinessReaction,
} from "./release-readiness-reaction.js";
