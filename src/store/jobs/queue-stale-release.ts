import type { StaleReleaseRecord } from "../records.js";
import type { QueuedWork } from "../rows.js";

/** The queue's name for what went stale: one item per pull request, head SHA or milestone. */
export function staleSubject(subject: StaleReleaseRecord["subject"]): string {
  switch (subject.kind) {
    case "pull_request":
      return `pull_request:${subject.pullRequestId}`;
    case "head_sha":
      return `head_sha:${subject.sha}`;
    case "milestone":
      return `milestone:${subject.milestoneId}`;
  }
}

/**
 * Queues what a delivery made stale, coalesced with what is queued for the same subject: one
 * item, due at the earliest time asked (a retry waiting out its back-off is due again now), that
 * remembers a whole milestone or a forced re-run if any delivery asked for it. Its version moves,
 * so a worker publishing the older state leaves it due.
 */
export function queueStaleRelease(
  stored: QueuedWork | undefined,
  incoming: StaleReleaseRecord,
): QueuedWork {
  const whole = incoming.subject.kind === "milestone" && incoming.subject.whole;
  if (!stored)
    return {
      installationId: incoming.installationId,
      repositoryId: incoming.repositoryId,
      subject: staleSubject(incoming.subject),
      wholeMilestone: whole,
      force: incoming.force,
      version: 1,
      queuedAt: incoming.at,
      dueAt: incoming.at,
      attempts: 0,
      leaseOwner: null,
      leaseUntil: null,
      lastError: null,
    };
  return {
    ...stored,
    wholeMilestone: stored.wholeMilestone || whole,
    force: stored.force || incoming.force,
    version: stored.version + 1,
    dueAt: Math.min(stored.dueAt, incoming.at),
    attempts: 0,
  };
}
