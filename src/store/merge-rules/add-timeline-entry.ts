import type { PullRequestTimelineRecord } from "../records.js";
import type { StoredPullRequest } from "../stored-rows.js";
import { readyTime } from "./ready-time.js";

/**
 * A draft transition against the pull request's stored transitions: the entry to store (none
 * when it is known), and the pull request with its ready time moved, when it moves.
 */
export function addTimelineEntry(
  pullRequest: StoredPullRequest | undefined,
  timeline: readonly PullRequestTimelineRecord[],
  incoming: PullRequestTimelineRecord,
): { entry?: PullRequestTimelineRecord; pullRequest?: StoredPullRequest } {
  if (timeline.some((t) => t.kind === incoming.kind && t.at === incoming.at)) return {};
  const entry: PullRequestTimelineRecord = incoming;
  if (!pullRequest) return { entry };
  const readyAt = readyTime(pullRequest.createdAt, pullRequest.draft, [...timeline, entry]);
  return readyAt === pullRequest.readyAt
    ? { entry }
    : { entry, pullRequest: { ...pullRequest, readyAt } };
}
