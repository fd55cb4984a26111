export { BACKFILL_KIND, CATCH_UP_KIND } from "./backfill-position.js";
export type { BackfillProgress } from "./backfill-progress.js";
export { type BackfillQueue, createBackfillQueue, type QueuedBackfill } from "./backfill-queue.js";
export {
  type BackfillRepositoryOptions,
  type BackfillSummary,
  BackfillSupersededError,
  backfillRepository,
} from "./backfill-repository.js";
export { describeIncomplete } from "./describe-incomplete.js";
export { findInstallation } from "./find-installation.js";
export type { BackfillGitHub } from "./github-client.js";
export {
  type ListedRepository,
  listInstallationRepositories,
  listOwnerRepositories,
} from "./list-repositories.js";
export { openBackfillCursor } from "./open-backfill-cursor.js";
export { GitHubReplyError, parseReply } from "./parse-reply.js";
export {
  type BudgetUse,
  createRateLimitBudget,
  type RateLimitBudget,
  type RateLimitBudgetOptions,
  RateLimitedError,
} from "./rate-limit-budget.js";
export { CODEOWNERS_PATHS, readCodeOwners } from "./read-code-owners.js";
export { type GitHubTeamReading, readGitHubTeam } from "./read-github-team.js";
export { RepositoryNotFoundError } from "./repository-page.js";
