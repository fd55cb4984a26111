import type { Millis, RecordGap, Store } from "../store/index.js";

/** How often each running replica writes its heartbeat. */
export const HEARTBEAT_MS = 30_000;
/** At start, a newest heartbeat older than this means no replica was running meanwhile. */
const DOWN_AFTER_MS = 2 * HEARTBEAT_MS;

/**
 * At start: if no replica's heartbeat is recent, the app was down from the last heartbeat until
 * now, and every installation the store knows may have missed deliveries then. Opens that gap
 * for each (redelivery closes it, or a catch-up), then beats. Returns the gaps opened.
 */
export async function openDowntimeGaps(
  store: Pick<Store, "readMark" | "writeMark" | "listInstallationIds" | "openRecordGaps">,
  now: Millis,
): Promise<RecordGap[]> {
  const last = await store.readMark("heartbeat");
  await store.writeMark("heartbeat", now, true);
  if (last === undefined || now - last <= DOWN_AFTER_MS) return [];
  const gaps = (await store.listInstallationIds()).map(
    (installationId): RecordGap => ({
      installationId,
      startsAt: last,
      endsAt: now,
      reason: "down",
      state: "redelivery",
      openedAt: now,
      checked: false,
      lastError: null,
    }),
  );
  await store.openRecordGaps(gaps);
  return gaps;
}
