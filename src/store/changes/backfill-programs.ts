import type { Millis, StoreChange } from "../records.js";
import type { BackfillCursor } from "../rows.js";
import { applyChanges } from "./delivery-programs.js";
import { getRow, putRow, type RowProgram } from "./row-operations.js";

export function* putBackfillCursor(cursor: BackfillCursor, now: Millis): RowProgram<void> {
  yield* putRow("backfill_cursors", {
    installationId: cursor.installationId,
    repositoryId: cursor.repositoryId,
    kind: cursor.kind,
    cursor: cursor.cursor,
    since: cursor.since,
    done: cursor.done,
    updatedAt: now,
  });
}

/**
 * One backfilled page and its cursor, only if the stored cursor is still `previous` (null: none
 * yet); false, writing nothing, when the repository was removed or another backfill moved on.
 */
export function* applyBackfillPage(
  changes: readonly StoreChange[],
  cursor: BackfillCursor,
  now: Millis,
  previous: string | null,
): RowProgram<boolean> {
  const { installationId, repositoryId, kind } = cursor;
  const stored = yield* getRow("backfill_cursors", { installationId, repositoryId, kind });
  if ((stored?.cursor ?? null) !== previous) return false;
  yield* applyChanges(changes);
  yield* putBackfillCursor(cursor, now);
  return true;
}
