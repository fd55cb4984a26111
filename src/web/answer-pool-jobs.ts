import { parentPort } from "node:worker_threads";
import type { PoolAnswer, PoolRequest } from "./worker-pool.js";

/**
 * The worker's side of `WorkerPool`: says it is ready, then answers each job with `run`'s
 * result or its error, one at a time; on `close`, calls `close` and ends the thread.
 */
export function answerPoolJobs<Job, Result>(
  run: (job: Job) => Promise<Result>,
  close: () => Promise<void>,
): void {
  const port = parentPort;
  if (!port) throw new Error("this module runs in a worker thread started by a WorkerPool");
  port.on("message", async (request: PoolRequest<Job>) => {
    if ("close" in request) {
      await close();
      port.close();
      return;
    }
    try {
      // Inside the try: a value that cannot be cloned fails its job, not the worker.
      port.postMessage({
        id: request.id,
        value: await run(request.job),
      } satisfies PoolAnswer<Result>);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      port.postMessage({ id: request.id, error: message } satisfies PoolAnswer<Result>);
    }
  });
  port.postMessage({ ready: true } satisfies PoolAnswer<Result>);
}
