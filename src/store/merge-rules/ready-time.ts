import type { Millis, PullRequestTimelineRecord } from "../records.js";

type Transition = Pick<PullRequestTimelineRecord, "kind" | "at">;

/**
 * When a pull request became ready for review (DESIGN "Ready time"): `createdAt` if it was
 * opened ready, else its first `ready_for_review`; null while it has never been ready.
 */
export function readyTime(
  createdAt: Millis,
  draft: boolean,
  transitions: readonly Transition[],
): Millis | null {
  const timeline = [...transitions].sort(
    (a, b) => a.at - b.at || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0),
  );
  const firstReady = timeline.find((t) => t.kind === "ready_for_review");
  if (timeline.some((t) => t.kind === "opened_ready")) return createdAt;
  if (timeline.some((t) => t.kind === "opened_as_draft")) return firstReady ? firstReady.at : null;
  // How it was opened is unknown: a first conversion to draft means it was opened ready.
  const [first] = timeline;
  if (first?.kind === "converted_to_draft") return createdAt;
  if (firstReady) return firstReady.at;
  return draft ? null : createdAt;
}
