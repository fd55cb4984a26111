import type { Millis, PullRequestRow, PullRequestTimelineRecord } from "../store/index.js";

/** A half-open interval [from, to) of epoch milliseconds; `to` may be Infinity. */
export interface Interval {
  from: Millis;
  to: Millis;
}

/**
 * When a PR was a draft, from its draft transitions (sorted by time). A PR marked draft with
 * no transitions recorded has been a draft since it was opened.
 */
export function draftPeriods(
  pr: PullRequestRow,
  timeline: readonly PullRequestTimelineRecord[],
): Interval[] {
  const periods: Interval[] = [];
  let draftSince: Millis | null = null;
  for (const event of timeline) {
    if (event.kind === "opened_as_draft" || event.kind === "converted_to_draft") {
      draftSince ??= event.at;
    } else if (event.kind === "ready_for_review" && draftSince !== null) {
      periods.push({ from: draftSince, to: event.at });
      draftSince = null;
    }
  }
  if (draftSince !== null) {
    // A missed ready_for_review: the newest snapshot says it is ready, so it was by then.
    periods.push({ from: draftSince, to: pr.draft ? Number.POSITIVE_INFINITY : pr.updatedAt });
  } else if (pr.draft && timeline.length === 0) {
    periods.push({ from: pr.createdAt, to: Number.POSITIVE_INFINITY });
  }
  return periods;
}

/** Whether the PR was a draft at that instant. */
export function isDraftAt(periods: readonly Interval[], at: Millis): boolean {
  return periods.some((period) => at >= period.from && at < period.to);
}
