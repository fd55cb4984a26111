import type { Millis, Store } from "../store/index.js";
import type { OperationsSnapshot } from "../telemetry/index.js";

/** A database that has not answered by then counts as down. */
const STORE_TIMEOUT_MS = 2_000;

/**
 * What the metrics read from the store when scraped: whether it answers, the publish queue, the
 * open gaps of each installation, and how far behind each scheduled job is.
 */
export async function operationsSnapshot(
  store: Pick<Store, "ping" | "listPublishWork" | "listRecordGaps" | "getNextRun">,
  jobs: readonly string[],
  now: Millis,
): Promise<OperationsSnapshot> {
  let timer: NodeJS.Timeout | undefined;
  const answered = await Promise.race([
    store.ping().then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), STORE_TIMEOUT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
  if (!answered) return { storeUp: false };
  const queue = await store.listPublishWork();
  const oldestQueued = Math.min(now, ...queue.map((item) => item.queuedAt));
  const byInstallation = new Map<number, { open: number; oldest: Millis }>();
  for (const gap of await store.listRecordGaps()) {
    const seen = byInstallation.get(gap.installationId);
    byInstallation.set(gap.installationId, {
      open: (seen?.open ?? 0) + 1,
      oldest: Math.min(seen?.oldest ?? gap.openedAt, gap.openedAt),
    });
  }
  const jobLag = [];
  for (const job of jobs) {
    const next = await store.getNextRun(job);
    jobLag.push({ job, seconds: next === undefined ? 0 : Math.max(0, (now - next) / 1000) });
  }
  return {
    storeUp: true,
    publishQueue: { depth: queue.length, oldestAgeSeconds: (now - oldestQueued) / 1000 },
    gaps: [...byInstallation].map(([installationId, { open, oldest }]) => ({
      installationId,
      open,
      oldestAgeSeconds: (now - oldest) / 1000,
    })),
    jobLag,
  };
}
