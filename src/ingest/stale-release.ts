import type { StaleReleaseRecord, StoreChange } from "../store/index.js";
import type { IngestContext } from "./context.js";

/**
 * What a delivery makes stale in release readiness, as changes stored in the delivery's own
 * transaction: the publish queue picks them up, so nothing is lost if the process dies before
 * it publishes. `force`: the user asked for a re-run, sent even when its content did not change.
 */
export function staleRelease(
  context: IngestContext,
  repositoryId: number,
  subjects: StaleReleaseRecord["subject"][],
  force = false,
): StoreChange[] {
  const { installationId, receivedAt: at } = context;
  return subjects.map((subject) => ({
    kind: "release_stale",
    record: { installationId, repositoryId, subject, force, at },
  }));
}

/**
 * A pull request's check, and its milestone's gate and issue (the milestone it left, too: a
 * `demilestoned` payload names it at the top level).
 */
export function stalePullRequest(
  context: IngestContext,
  repositoryId: number,
  pullRequestId: number,
  milestoneIds: (number | undefined)[],
): StoreChange[] {
  const milestones = [...new Set(milestoneIds)].filter((id): id is number => id !== undefined);
  return staleRelease(context, repositoryId, [
    { kind: "pull_request", pullRequestId },
    ...milestones.map((milestoneId) => ({ kind: "milestone" as const, milestoneId, whole: false })),
  ]);
}
