/**
 * A worker for the WorkerPool tests: jobs that answer, fail, hang, or kill their thread the ways
 * a real one can die (an exit, an error thrown outside any job).
 */
import { setTimeout as sleep } from "node:timers/promises";
import { workerData } from "node:worker_threads";
import { answerPoolJobs } from "../../src/web/answer-pool-jobs.js";

export type TestJob =
  | { square: number }
  | { fail: string }
  | { exit: number }
  | { throwOutside: string }
  | { hang: true }
  | { sleepMs: number };

if ((workerData as { failStart?: string }).failStart)
  throw new Error((workerData as { failStart: string }).failStart);

answerPoolJobs(
  async (job: TestJob) => {
    if ("square" in job) return job.square * job.square;
    if ("fail" in job) throw new Error(job.fail);
    if ("exit" in job) process.exit(job.exit);
    if ("throwOutside" in job) {
      setImmediate(() => {
        throw new Error(job.throwOutside);
      });
      return sleep(60_000);
    }
    if ("hang" in job) for (;;);
    const started = Date.now();
    await sleep(job.sleepMs);
    return [started, Date.now()];
  },
  async () => {},
);
