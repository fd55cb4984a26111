import type { ExpectationsConfig } from "../config/index.js";
import type { MilestoneRow, RepositoryRecord, Store } from "../store/index.js";
import { type MilestoneStanding, milestoneStanding } from "./milestone-standing.js";

/** A milestone's standing from the store: its pull requests, and the reviews of the open ones. */
export async function loadMilestoneStanding(
  store: Store,
  repository: RepositoryRecord,
  milestone: MilestoneRow,
  config: ExpectationsConfig,
  now: Date,
): Promise<MilestoneStanding> {
  const { installationId } = repository;
  const pullRequests = (
    await store.listMilestonePullRequests(installationId, milestone.milestoneId)
  ).filter((pr) => pr.repositoryId === repository.repositoryId);
  const open = pullRequests.filter((pr) => pr.state === "open").map((pr) => pr.pullRequestId);
  const [reviews, reviewRequests] =
    open.length > 0
      ? await Promise.all([
          store.listReviews(installationId, open),
          store.listReviewRequests(installationId, open),
        ])
      : [[], []];
  return milestoneStanding({
    repository,
    milestone,
    pullRequests,
    reviews,
    reviewRequests,
    config,
    now,
  });
}
