import { CLOCK_SLACK_MS, type MissedEvent } from "../recovery/index.js";
import type { Millis, RecordGap } from "../store/index.js";

/** A gap in an installation's record that only a catch-up (backfill over its span) closes. */
export function catchUpGap(
  installationId: number,
  startsAt: Millis,
  endsAt: Millis,
  reason: RecordGap["reason"],
  now: Millis,
): RecordGap {
  return {
    installationId,
    startsAt,
    endsAt,
    reason,
    state: "catch_up",
    openedAt: now,
    checked: false,
    lastError: null,
  };
}

/** A missed event only a catch-up recovers: a gap of its installation around when it was sent. */
export function gapAround(
  event: MissedEvent,
  reason: RecordGap["reason"],
  now: Millis,
): RecordGap[] {
  const { installationId } = event.attempt;
  if (installationId === null) return [];
  const { deliveredAt } = event;
  return [
    catchUpGap(
      installationId,
      deliveredAt - CLOCK_SLACK_MS,
      deliveredAt + CLOCK_SLACK_MS,
      reason,
      now,
    ),
  ];
}
