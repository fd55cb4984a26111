import type { Millis } from "../store/index.js";

/** The backfill_cursors kind of the repository-wide GraphQL backfill. */
export const BACKFILL_KIND = "graphql";

/**
 * The kind of a catch-up: the same import over a gap in the record, its own cursor, and only
 * what was updated since (open items untouched since then cannot have changed in the gap).
 */
export const CATCH_UP_KIND = "catch-up";

/** A re-run goes back this far before the previous run's start: GitHub's clock is not ours. */
const CLOCK_MARGIN_MS = 10 * 60_000;

export type StreamName = "pullRequests" | "issues" | "stale";

export interface StreamPosition {
  after: string | null;
  done: boolean;
}

/** A pull request or issue a run could not read to the end (GitHub stopped answering). */
export interface IncompleteItem {
  kind: "pull_request" | "issue";
  /** The node id it is fetched again by. */
  id: string;
  number: number;
  /** What went wrong, for the person who runs it again. */
  reason: string;
}

/**
 * Where a repository's backfill stands, stored as the cursor text. `covered`: everything updated
 * since then is (or, once done, was) in the store as of `startedAt`; `fetchSince`: the lower
 * bound this run pages down to.
 */
export interface BackfillPosition {
  startedAt: Millis;
  covered: Millis;
  fetchSince: Millis;
  streams: Record<StreamName, StreamPosition>;
  /** Left out of the store until they are read to the end; the backfill is not done before. */
  incomplete?: IncompleteItem[];
}

const fresh = (since: Millis, startedAt: Millis, openItems = true): BackfillPosition => ({
  startedAt,
  covered: since,
  fetchSince: since,
  streams: {
    pullRequests: { after: null, done: false },
    issues: { after: null, done: false },
    stale: { after: null, done: !openItems },
  },
});

function decodePosition(text: string | null): BackfillPosition | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as BackfillPosition;
    return typeof value.startedAt === "number" && value.streams?.pullRequests ? value : undefined;
  } catch {
    return undefined;
  }
}

export function encodePosition(position: BackfillPosition): string {
  return JSON.stringify(position);
}

/** Every stream has paged down to its end. */
export function streamsDone(position: BackfillPosition): boolean {
  return Object.values(position.streams).every((stream) => stream.done);
}

export function isFinished(position: BackfillPosition): boolean {
  return streamsDone(position) && (position.incomplete ?? []).length === 0;
}

export type BackfillPlan = { position: BackfillPosition; mode: "fresh" | "resume" | "update" };

/**
 * What this run fetches, given what an earlier run left (`saved`) and the `since` asked for:
 * - nothing earlier, or it asked for less history: everything updated since `since`, plus open
 *   items not updated since then (a pending PR can sit untouched for months);
 * - an unfinished run that covers `since`: resume from its last committed page;
 * - a finished run that covers `since`: only what changed since that run started.
 * Without `openItems` (a catch-up), open items not updated since `since` are left out.
 */
export function planBackfill(
  saved: { cursor: string | null; since: Millis | null; done: boolean } | undefined,
  since: Millis,
  startedAt: Millis,
  openItems = true,
): BackfillPlan {
  const position = decodePosition(saved?.cursor ?? null);
  if (!saved || !position || saved.since === null || saved.since > since)
    return { position: fresh(since, startedAt, openItems), mode: "fresh" };
  if (!saved.done) return { position, mode: "resume" };
  // Anything changed after the earlier run started was updated after it: fetching from there
  // keeps the covered period unbroken, whatever `since` this run asked for.
  const update = fresh(position.startedAt - CLOCK_MARGIN_MS, startedAt);
  update.covered = saved.since;
  // Open items untouched since then were fetched by the earlier run and have not changed.
  update.streams.stale.done = true;
  return { position: update, mode: "update" };
}
