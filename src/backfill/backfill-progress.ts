import type { Millis } from "../store/index.js";
import { type BackfillPosition, isFinished } from "./backfill-position.js";
import type { RepositoryPageReply } from "./graphql-replies.js";

/** How a repository's backfill is coming along, told after each committed page. */
export interface BackfillProgress {
  repository: string;
  mode: "fresh" | "resume" | "update";
  pages: number;
  pullRequests: number;
  issues: number;
  /** GraphQL points this run has used for this repository so far. */
  points: number;
  remaining: number | null;
  /** Between 0 and 1: how far down from now to `since` the slowest stream has come. */
  fraction: number;
  done: boolean;
}

/** How far the slowest unfinished stream has come, by time paged down or by items counted. */
export function progressFraction(
  data: RepositoryPageReply,
  position: BackfillPosition,
  oldestPullRequestUpdate: Millis | null,
  pullRequests: number,
): number {
  if (isFinished(position)) return 1;
  const span = position.startedAt - position.fetchSince;
  const byTime =
    oldestPullRequestUpdate === null || span <= 0
      ? 0
      : (position.startedAt - oldestPullRequestUpdate) / span;
  const total = data.repository?.pullRequests?.totalCount ?? 0;
  const byCount = total > 0 ? pullRequests / total : 0;
  return Math.min(0.99, Math.max(byTime, byCount));
}
