export { apiBaseUrl } from "./api-base-url.js";
export { appJwt } from "./app-jwt.js";
export { CredentialsError } from "./credentials-error.js";
export { describeError } from "./describe-error.js";
export { dryRunTarget } from "./dry-run-target.js";
export { expectationsOctokit } from "./expectations-octokit.js";
export { type Env, type GitHubConnection, githubConnection } from "./github-connection.js";
export type { GitHubTarget, GitHubWrite, SendOptions } from "./github-target.js";
export { githubWebUrl } from "./github-web-url.js";
export {
  appConnector,
  type InstallationConnection,
  octokitConnection,
} from "./installation-connection.js";
export {
  type AppGitHub,
  installationReach,
  type Reach,
  repositoryReach,
} from "./installation-reach.js";
export { octokitTarget } from "./octokit-target.js";
export { type RepositoryRef, repositoryPath } from "./repository-path.js";
export { stderrLogger } from "./stderr-logger.js";
