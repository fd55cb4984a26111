export { dryRunTarget, type GitHubWrite, octokitTarget, type WriteTarget } from "./github-write.js";
