import { HEARTBEAT_MS } from "../flows/index.js";
import type { RecordKeeping } from "../store/index.js";

/**
 * Writes this replica's heartbeat every HEARTBEAT_MS (the newest of all replicas is kept): at
 * the next start, a heartbeat too old tells how long no replica was running. Returns a
 * function that stops it.
 */
export function startHeartbeat(
  store: Pick<RecordKeeping, "writeMark">,
  options: { clock?: () => Date; onError?: (error: unknown) => void } = {},
): () => Promise<void> {
  const clock = options.clock ?? (() => new Date());
  let beating: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    beating = store
      .writeMark("heartbeat", clock().getTime(), true)
      .catch((error: unknown) => options.onError?.(error));
  }, HEARTBEAT_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await beating;
  };
}
