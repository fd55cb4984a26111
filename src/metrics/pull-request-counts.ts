import type { Activity } from "../store/index.js";
import { inPeriod, type Period } from "./period.js";

export interface PullRequestCounts {
  /** Created in the period. */
  opened: number;
  /** Merged in the period. */
  merged: number;
  /** Still open at the end of the period. */
  open: number;
}

export function pullRequestCounts(
  activity: Pick<Activity, "pullRequests">,
  period: Period,
): PullRequestCounts {
  let opened = 0;
  let merged = 0;
  let open = 0;
  for (const pr of activity.pullRequests) {
    if (inPeriod(pr.createdAt, period)) opened += 1;
    if (inPeriod(pr.mergedAt, period)) merged += 1;
    if (pr.createdAt < period.until && (pr.closedAt === null || pr.closedAt >= period.until))
      open += 1;
  }
  return { opened, merged, open };
}
