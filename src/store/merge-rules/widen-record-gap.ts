import type { RecordGap } from "../rows.js";

const GRAVITY: Record<RecordGap["state"], number> = { redelivery: 0, catch_up: 1, failed: 2 };

/**
 * A gap opened again from the same start (two replicas starting after one outage, a list cut
 * short twice): it ends at the later end, needs the stronger recovery of the two, and counts as
 * checked only if the part checked before still covers it.
 */
export function widenRecordGap(stored: RecordGap | undefined, incoming: RecordGap): RecordGap {
  if (!stored) return incoming;
  const state = GRAVITY[incoming.state] > GRAVITY[stored.state] ? incoming.state : stored.state;
  return {
    ...stored,
    endsAt: Math.max(stored.endsAt, incoming.endsAt),
    state,
    checked: stored.checked && incoming.endsAt <= stored.endsAt && state === "redelivery",
    lastError: incoming.lastError ?? stored.lastError,
  };
}
