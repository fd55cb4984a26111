import type { Millis, RecordGap } from "../store/index.js";

/** GitHub keeps an App's deliveries for three days: older ones are no longer listed. */
export const DELIVERY_RETENTION_MS = 3 * 86_400_000;
/** GitHub's clock and ours, and the order of its list, may disagree by this much. */
export const CLOCK_SLACK_MS = 60_000;

/** A delivery the store still lacks (asked for, awaited, or left to the next run). */
export interface UnsettledDelivery {
  installationId: number | null;
  deliveredAt: Millis;
}

export interface GapReview {
  /** The open gaps. */
  gaps: readonly RecordGap[];
  /**
   * Since when every delivery GitHub sent has been read from its list (by this run, or earlier
   * runs before the watermark); null when the list could not be read at all.
   */
  coveredFrom: Millis | null;
  unsettled: readonly UnsettledDelivery[];
}

export interface GapDecisions {
  /** Read over, and nothing in them missing any more: closed. */
  close: RecordGap[];
  /** Gaps whose state moved: checked, or left to a catch-up. */
  update: RecordGap[];
}

/**
 * What a run of redelivery makes of the open gaps. A gap waiting for redelivery is checked once
 * GitHub's list has been read over it; a checked gap closes when nothing GitHub sent in it is
 * missing any more. One the list does not reach (older than GitHub keeps deliveries, the list
 * cut short, no list at all) is left to a catch-up. Gaps already left to a catch-up stay as they
 * are: only a catch-up closes them.
 */
export function settleGaps(review: GapReview): GapDecisions {
  const decisions: GapDecisions = { close: [], update: [] };
  for (const gap of review.gaps) {
    if (gap.state !== "redelivery") continue;
    const covered =
      gap.checked || (review.coveredFrom !== null && gap.startsAt >= review.coveredFrom);
    if (!covered) {
      decisions.update.push({ ...gap, state: "catch_up" });
      continue;
    }
    const pending = review.unsettled.some(
      (missing) =>
        (missing.installationId === null || missing.installationId === gap.installationId) &&
        missing.deliveredAt >= gap.startsAt - CLOCK_SLACK_MS &&
        missing.deliveredAt <= gap.endsAt + CLOCK_SLACK_MS,
    );
    if (!pending) decisions.close.push(gap);
    else if (!gap.checked) decisions.update.push({ ...gap, checked: true });
  }
  return decisions;
}
