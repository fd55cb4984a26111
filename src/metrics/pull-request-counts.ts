import type { ActivityIndex } from "./activity-index.js";
import { inPeriod, type Period } from "./period.js";

export interface PullRequestCounts {
  /** Created in the period by people (bots' PRs are counted apart, in `opened_by_bots`). */
  opened: number;
  /** Merged in the period. */
  merged: number;
  /** Closed in the period without being merged. */
  closed_unmerged: number;
  /** Still open at the end of the period. */
  open: number;
  /** Created in the period by bots; not in any other figure. */
  opened_by_bots: number;
}

export function pullRequestCounts(index: ActivityIndex, period: Period): PullRequestCounts {
  const counts: PullRequestCounts = {
    opened: 0,
    merged: 0,
    closed_unmerged: 0,
    open: 0,
    opened_by_bots: 0,
  };
  for (const pr of index.pullRequests.values()) {
    if (index.isBot(pr.author)) {
      if (inPeriod(pr.createdAt, period)) counts.opened_by_bots += 1;
      continue;
    }
    if (inPeriod(pr.createdAt, period)) counts.opened += 1;
    if (inPeriod(pr.mergedAt, period)) counts.merged += 1;
    if (pr.mergedAt === null && inPeriod(pr.closedAt, period)) counts.closed_unmerged += 1;
    if (pr.createdAt < period.until && (pr.closedAt === null || pr.closedAt >= period.until))
      counts.open += 1;
  }
  return counts;
}
