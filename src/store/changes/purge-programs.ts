import type { Millis } from "../records.js";
import type { PendingPurge } from "../rows.js";
import { applyChange } from "./apply-change.js";
import { deleteRow, getRow, putRow, type RowProgram } from "./row-operations.js";

const keyOf = (purge: PendingPurge) => ({
  installationId: purge.installationId,
  subject: purge.subject,
});

/**
 * GitHub confirmed the removal: every row of the installation (or of the repository) goes, the
 * pending purge with them. The uninstall's own delivery record stays, so that a redelivery of it
 * is a duplicate. False when the purge was no longer pending (done or dropped meanwhile).
 */
export function* confirmPurge(purge: PendingPurge): RowProgram<boolean> {
  const pending = yield* getRow("pending_purges", keyOf(purge));
  if (!pending) return false;
  const { installationId, repositoryId, deliveryId, requestedAt: at } = pending;
  const own = yield* getRow("deliveries", { deliveryId });
  // Removed as of the delivery that asked: GitHub's older deliveries of it are never asked for again.
  yield* applyChange(
    repositoryId === null
      ? { kind: "installation_deleted", installationId, at }
      : { kind: "repository_removed", installationId, repositoryId, at },
  );
  yield* deleteRow("pending_purges", keyOf(purge));
  if (own) yield* putRow("deliveries", own);
  return true;
}

/** GitHub says the installation still reaches it: nothing is deleted, and nothing is pending. */
export function* dropPurge(purge: PendingPurge): RowProgram<void> {
  yield* deleteRow("pending_purges", keyOf(purge));
}

/** GitHub could not say: asked again at `dueAt`, with the attempt counted and the error kept. */
export function* postponePurge(
  purge: PendingPurge,
  dueAt: Millis,
  error: string,
): RowProgram<void> {
  const pending = yield* getRow("pending_purges", keyOf(purge));
  if (!pending) return;
  yield* putRow("pending_purges", {
    ...pending,
    dueAt,
    attempts: pending.attempts + 1,
    lastError: error,
  });
}
