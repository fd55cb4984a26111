import type { Millis, Store, StoreChange } from "../store/index.js";

/**
 * Gaps of these installations closed: what was published while they were open says so. Their
 * open milestones are queued for release readiness again, each with its pull requests; being
 * diff-based, only what carried the line (or changed meanwhile) is written.
 */
export async function queueRepublication(
  store: Pick<Store, "listRepositories" | "listMilestones" | "applyChanges">,
  installationIds: Iterable<number>,
  now: Millis,
): Promise<void> {
  for (const installationId of new Set(installationIds)) {
    const changes: StoreChange[] = [];
    for (const { repositoryId } of await store.listRepositories(installationId))
      for (const milestone of await store.listMilestones(installationId, repositoryId))
        if (milestone.state === "open" && milestone.deletedAt === null)
          changes.push({
            kind: "release_stale",
            record: {
              installationId,
              repositoryId,
              subject: { kind: "milestone", milestoneId: milestone.milestoneId, whole: true },
              force: false,
              at: now,
            },
          });
    if (changes.length > 0) await store.applyChanges(changes);
  }
}
