import type { Millis, Store } from "../store/index.js";
import { BACKFILL_KIND, encodePosition, planBackfill } from "./backfill-position.js";

/**
 * The repository's backfill cursor, written at once (not started) when it has none, so that
 * removing the repository cancels a queued import and a restart resumes it.
 */
export async function openBackfillCursor(
  store: Store,
  installationId: number,
  repositoryId: number,
  since: Millis,
  now: Millis,
): Promise<{ since: Millis; done: boolean }> {
  const saved = await store.getBackfillCursor(installationId, repositoryId, BACKFILL_KIND);
  if (saved) return { since: saved.since ?? since, done: saved.done };
  const { position } = planBackfill(undefined, since, now);
  await store.putBackfillCursor(
    installationId,
    repositoryId,
    BACKFILL_KIND,
    { cursor: encodePosition(position), since, done: false },
    now,
  );
  return { since, done: false };
}
