import { type MilestonePayload, milestoneRecord } from "../ingest/index.js";
import type { StoreChange } from "../store/index.js";
import { issueChanges } from "./issue-changes.js";
import type { CompleteItems } from "./page-follow-ups.js";
import { pullRequestChanges } from "./pull-request-changes.js";
import type { RepositoryContext } from "./repository-context.js";
import type { FoundRepositoryPage } from "./repository-page.js";

/**
 * The store changes of one page, the records ingest makes: the repository as GitHub names it
 * now, the milestones given, and each pull request and issue read to its end.
 */
export function pageChanges(
  repository: FoundRepositoryPage["repository"],
  context: RepositoryContext,
  milestones: readonly MilestonePayload[],
  items: CompleteItems,
): StoreChange[] {
  const { installationId, repositoryId } = context;
  const changes: StoreChange[] = [
    {
      kind: "repository",
      record: {
        installationId,
        repositoryId,
        fullName: repository.nameWithOwner,
        private: repository.isPrivate,
      },
    },
  ];
  for (const milestone of milestones)
    changes.push({
      kind: "milestone",
      record: milestoneRecord(installationId, repositoryId, milestone),
    });
  for (const pr of items.pullRequests)
    changes.push(...pullRequestChanges(pr, items.timelines.get(pr.id) ?? [], context));
  for (const issue of items.issues)
    changes.push(...issueChanges(issue, items.comments.get(issue.id) ?? [], context));
  return changes;
}
