import type { PullRequestRecord, PullRequestTimelineRecord } from "../records.js";
import type { StoredPullRequest } from "../stored-rows.js";
import { newestWins } from "./newest-wins.js";
import { readyTime } from "./ready-time.js";
import { versionHash } from "./version-hash.js";

/**
 * A pull request snapshot against the stored row and its draft transitions: the newest
 * snapshot wins (ties by content); fields a payload does not carry (`draft`, `merged_by`,
 * `author_association`) keep what is stored, and an older snapshot only fills those the stored
 * row lacks. Returns the row to store, or undefined when the stored row stays as it is.
 */
export function mergePullRequest(
  stored: StoredPullRequest | undefined,
  timeline: readonly PullRequestTimelineRecord[],
  incoming: PullRequestRecord,
): StoredPullRequest | undefined {
  const version = { updatedAt: incoming.updatedAt, versionHash: versionHash(incoming) };
  if (stored && !newestWins(version, stored)) {
    const mergedBy = stored.mergedBy ?? incoming.mergedBy ?? null;
    const authorAssociation = stored.authorAssociation ?? incoming.authorAssociation ?? null;
    if (mergedBy === stored.mergedBy && authorAssociation === stored.authorAssociation)
      return undefined;
    return { ...stored, mergedBy, authorAssociation };
  }
  const draft = incoming.draft ?? stored?.draft ?? false;
  return {
    installationId: incoming.installationId,
    repositoryId: incoming.repositoryId,
    pullRequestId: incoming.pullRequestId,
    nodeId: incoming.nodeId,
    number: incoming.number,
    title: incoming.title,
    author: incoming.author,
    authorAssociation: incoming.authorAssociation ?? stored?.authorAssociation ?? null,
    draft,
    state: incoming.state,
    createdAt: incoming.createdAt,
    updatedAt: incoming.updatedAt,
    closedAt: incoming.closedAt,
    mergedAt: incoming.mergedAt,
    mergedBy: incoming.mergedBy ?? stored?.mergedBy ?? null,
    milestoneId: incoming.milestoneId,
    headSha: incoming.headSha,
    headRef: incoming.headRef,
    baseRef: incoming.baseRef,
    labels: incoming.labels,
    readyAt: readyTime(incoming.createdAt, draft, timeline),
    versionHash: version.versionHash,
  };
}
