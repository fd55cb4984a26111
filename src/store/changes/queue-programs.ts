import type { Millis } from "../records.js";
import type { QueuedWork } from "../rows.js";
import { deleteRow, getRow, putRow, type RowProgram } from "./row-operations.js";

const keyOf = ({ installationId, repositoryId, subject }: QueuedWork) => ({
  installationId,
  repositoryId,
  subject,
});

/** Published: each item `owner` still holds goes, unless it went stale again meanwhile. */
export function* finishPublishWork(owner: string, items: readonly QueuedWork[]): RowProgram<void> {
  for (const item of items) {
    const stored = yield* getRow("publish_queue", keyOf(item));
    if (!stored || stored.leaseOwner !== owner) continue;
    if (stored.version === item.version) yield* deleteRow("publish_queue", keyOf(item));
    else yield* putRow("publish_queue", { ...stored, leaseOwner: null, leaseUntil: null });
  }
}

/** Not published: each item `owner` still holds is due again at `retryAt`, the attempt counted. */
export function* failPublishWork(
  owner: string,
  items: readonly QueuedWork[],
  retryAt: Millis,
  error: string,
): RowProgram<void> {
  for (const item of items) {
    const stored = yield* getRow("publish_queue", keyOf(item));
    if (!stored || stored.leaseOwner !== owner) continue;
    yield* putRow("publish_queue", {
      ...stored,
      attempts: stored.attempts + 1,
      dueAt: retryAt,
      leaseOwner: null,
      leaseUntil: null,
      lastError: error,
    });
  }
}
