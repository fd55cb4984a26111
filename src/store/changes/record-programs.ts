import { widenRecordGap } from "../merge-rules/index.js";
import type { Millis } from "../records.js";
import type { RecordGap, RecordMark, RedeliveryRequest } from "../rows.js";
import { deleteRow, mergeRow, putRow, type RowProgram } from "./row-operations.js";

/** Keeps `at` under `name`; with `later`, only when it is later than what is kept. */
export function* writeMark(name: RecordMark, at: Millis, later: boolean): RowProgram<void> {
  yield* mergeRow("record_marks", { name }, (stored) =>
    later && stored && stored.at >= at ? undefined : { name, at },
  );
}

/** Opens gaps; one of the same installation and start is widened (see widenRecordGap). */
export function* openRecordGaps(gaps: readonly RecordGap[]): RowProgram<void> {
  for (const gap of gaps) {
    const { installationId, startsAt } = gap;
    yield* mergeRow("record_gaps", { installationId, startsAt }, (stored) =>
      widenRecordGap(stored, gap),
    );
  }
}

/** Stores what became of gaps still kept; one closed meanwhile (by another replica) stays closed. */
export function* updateRecordGaps(gaps: readonly RecordGap[]): RowProgram<void> {
  for (const gap of gaps) {
    const { installationId, startsAt } = gap;
    yield* mergeRow("record_gaps", { installationId, startsAt }, (stored) =>
      stored ? gap : undefined,
    );
  }
}

export function* closeRecordGaps(
  gaps: readonly Pick<RecordGap, "installationId" | "startsAt">[],
): RowProgram<void> {
  for (const { installationId, startsAt } of gaps)
    yield* deleteRow("record_gaps", { installationId, startsAt });
}

/** Stores redelivery requests, replacing the earlier request for the same event. */
export function* putRedeliveryRequests(requests: readonly RedeliveryRequest[]): RowProgram<void> {
  for (const request of requests) yield* putRow("redelivery_requests", request);
}

/**
 * The removal of an installation (repositoryId 0) or a repository, written after its rows were
 * purged (the purge takes its earlier removal too: this one is the latest).
 */
export function* recordRemoval(
  installationId: number,
  repositoryId: number,
  removedAt: Millis,
): RowProgram<void> {
  yield* putRow("removals", { installationId, repositoryId, removedAt });
}
