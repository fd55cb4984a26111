import { interner, pullRequestRecord } from "../schema/index.js";
import type { ActivityReads } from "../store.js";
import { byPullRequest, columns, type Select, type StatementParameters } from "./read-dialect.js";

/** Pull requests one at a time or by repository or milestone, and their reviews and requests. */
export function pullRequestReads(
  select: Select,
): Pick<
  ActivityReads,
  | "getPullRequest"
  | "listOpenPullRequests"
  | "listMilestonePullRequests"
  | "listReviews"
  | "listReviewRequests"
> {
  /** Pull requests matching what `where` writes, as one record type everywhere. */
  const pullRequestsWhere = async (where: (bind: StatementParameters) => string) => {
    const intern = interner();
    return (
      await select(
        (bind) =>
          `SELECT ${columns(pullRequestRecord.columns)} FROM pull_requests WHERE ${where(bind)}`,
      )
    ).map((r) => pullRequestRecord.fromColumns(r, intern));
  };

  return {
    async getPullRequest(installationId, pullRequestId) {
      const [found] = await pullRequestsWhere((bind) => {
        const [installation, pullRequest] = [bind.value(installationId), bind.value(pullRequestId)];
        return `installation_id = ${installation()} AND pull_request_id = ${pullRequest()}`;
      });
      return found;
    },

    async listOpenPullRequests(installationId, repositoryId) {
      return pullRequestsWhere((bind) => {
        const [installation, repository] = [bind.value(installationId), bind.value(repositoryId)];
        return `installation_id = ${installation()} AND repository_id = ${repository()} AND state = 'open' ORDER BY number`;
      });
    },

    async listMilestonePullRequests(installationId, milestoneId) {
      return pullRequestsWhere((bind) => {
        const [installation, milestone] = [bind.value(installationId), bind.value(milestoneId)];
        return `installation_id = ${installation()} AND milestone_id = ${milestone()} ORDER BY number`;
      });
    },

    async listReviews(installationId, pullRequestIds) {
      return byPullRequest(select, "reviews", installationId, pullRequestIds, interner());
    },

    async listReviewRequests(installationId, pullRequestIds) {
      return byPullRequest(select, "review_requests", installationId, pullRequestIds, interner());
    },
  };
}
