import { Worker } from "node:worker_threads";
import type { Logger } from "pino";

/** What the pool says to a worker: a job to run, or to close what it holds and end. */
export type PoolRequest<Job> = { id: number; job: Job } | { close: true };
/** What a worker answers: it is ready for jobs, a job's result, or why a job failed. */
export type PoolAnswer<Result> =
  | { ready: true }
  | { id: number; value: Result }
  | { id: number; error: string };

export interface WorkerPoolOptions {
  /** The worker's module; run from the TypeScript sources (the tests), it is loaded through tsx. */
  script: URL;
  workerData: unknown;
  /** How many workers run jobs side by side. */
  size: number;
  /** What the workers compute, for the log ("dashboard figures"). */
  name: string;
  log: Logger;
  /** A job still running after this long has hung its worker: it is ended and started again. */
  jobTimeoutMs?: number;
  /** A worker that died is started again after this, doubled for each death in a row (to 30 s). */
  restartMs?: number;
  /** Jobs waiting beyond this many are refused at once rather than queued without end. */
  maxQueued?: number;
}

/** A job the pool could not get computed: its worker died, hung, or the pool is stopping or full. */
export class WorkerJobFailed extends Error {}

interface Task<Job, Result> {
  id: number;
  job: Job;
  resolve(value: Result): void;
  reject(error: Error): void;
}

interface Slot<Job, Result> {
  worker: Worker;
  ready: boolean;
  task?: Task<Job, Result> | undefined;
  timer?: NodeJS.Timeout | undefined;
  /** Why the pool ended this worker itself (a hung job), if it did. */
  ended?: string | undefined;
  /** The error that killed it, when it threw one. */
  error?: Error | undefined;
  exited: Promise<void>;
}

const MOST_RESTART_MS = 30_000;

function startWorker(script: URL, workerData: unknown): Worker {
  if (!script.pathname.endsWith(".ts")) return new Worker(script, { workerData });
  // Only the tests run the sources: the worker's TypeScript goes through tsx, as vitest's does.
  const code = `import { tsImport } from "tsx/esm/api"; await tsImport(${JSON.stringify(script.href)}, ${JSON.stringify(script.href)});`;
  return new Worker(code, { eval: true, workerData });
}

/**
 * Worker threads that run jobs off the main thread, one job per worker at a time, first come
 * first served. A worker that dies (an uncaught error, out of memory) or hangs past the job
 * deadline fails the job it was running, is logged and is started again; one that dies before
 * it is ready fails the waiting jobs too, so that nobody waits on a worker that cannot start.
 */
export class WorkerPool<Job, Result> {
  private readonly slots = new Set<Slot<Job, Result>>();
  private readonly queue: Task<Job, Result>[] = [];
  private readonly restarts = new Set<NodeJS.Timeout>();
  private nextId = 1;
  private deathsInRow = 0;
  private closed = false;
  private readonly jobTimeoutMs: number;
  private readonly restartMs: number;
  private readonly maxQueued: number;

  constructor(private readonly options: WorkerPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1)
      throw new Error(`a worker pool needs at least one worker, not ${options.size}`);
    this.jobTimeoutMs = options.jobTimeoutMs ?? 120_000;
    this.restartMs = options.restartMs ?? 500;
    this.maxQueued = options.maxQueued ?? 200;
    for (let i = 0; i < options.size; i++) this.spawn();
  }

  /** Jobs given to the pool and not finished: running or waiting for a worker. */
  get pending(): number {
    let running = 0;
    for (const slot of this.slots) if (slot.task) running += 1;
    return running + this.queue.length;
  }

  run(job: Job): Promise<Result> {
    if (this.closed)
      return Promise.reject(new WorkerJobFailed(`${this.options.name}: the pool is stopping`));
    if (this.queue.length >= this.maxQueued)
      return Promise.reject(
        new WorkerJobFailed(`${this.options.name}: ${this.maxQueued} jobs already wait`),
      );
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, resolve, reject });
      this.dispatch();
    });
  }

  /**
   * Fails the waiting jobs, asks each worker to close what it holds and end, and ends those
   * still running after `graceMs` (a job in progress is cut off).
   */
  async close(graceMs = 1_000): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.restarts) clearTimeout(timer);
    this.restarts.clear();
    for (const task of this.queue.splice(0))
      task.reject(new WorkerJobFailed(`${this.options.name}: the pool is stopping`));
    await Promise.all(
      [...this.slots].map(async (slot) => {
        slot.worker.postMessage({ close: true } satisfies PoolRequest<Job>);
        let timer: NodeJS.Timeout | undefined;
        const late = await Promise.race([
          slot.exited.then(() => false),
          new Promise<boolean>((resolve) => {
            timer = setTimeout(() => resolve(true), graceMs);
          }),
        ]);
        clearTimeout(timer);
        if (late) await slot.worker.terminate();
        await slot.exited;
      }),
    );
    this.options.log.info(
      { workers: this.options.size },
      `${this.options.name}: worker threads ended`,
    );
  }

  private spawn(): void {
    const worker = startWorker(this.options.script, this.options.workerData);
    let exit: () => void = () => {};
    const slot: Slot<Job, Result> = {
      worker,
      ready: false,
      exited: new Promise((resolve) => {
        exit = resolve;
      }),
    };
    this.slots.add(slot);
    worker.on("message", (answer: PoolAnswer<Result>) => this.answered(slot, answer));
    worker.on("error", (error) => {
      slot.error = error;
    });
    worker.on("exit", (code) => {
      this.died(slot, code);
      exit();
    });
  }

  private answered(slot: Slot<Job, Result>, answer: PoolAnswer<Result>): void {
    if ("ready" in answer) {
      slot.ready = true;
    } else {
      const task = slot.task;
      if (!task || task.id !== answer.id) return;
      clearTimeout(slot.timer);
      slot.task = undefined;
      if ("error" in answer) task.reject(new Error(answer.error));
      else {
        this.deathsInRow = 0;
        task.resolve(answer.value);
      }
    }
    this.dispatch();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.ready || slot.task || slot.ended) continue;
      const task = this.queue.shift() as Task<Job, Result>;
      slot.task = task;
      slot.timer = setTimeout(() => {
        slot.ended = `a job ran longer than ${this.jobTimeoutMs / 1000} s`;
        void slot.worker.terminate();
      }, this.jobTimeoutMs);
      slot.worker.postMessage({ id: task.id, job: task.job } satisfies PoolRequest<Job>);
    }
  }

  private died(slot: Slot<Job, Result>, code: number): void {
    clearTimeout(slot.timer);
    this.slots.delete(slot);
    if (this.closed) {
      slot.task?.reject(new WorkerJobFailed(`${this.options.name}: the pool is stopping`));
      return;
    }
    const reason =
      slot.ended ??
      (slot.error ? `it failed: ${slot.error.message}` : `it exited with code ${code}`);
    const failed = new WorkerJobFailed(
      `${this.options.name}: the worker ${slot.ready ? "computing this" : "starting"} stopped (${reason})`,
      { cause: slot.error },
    );
    this.deathsInRow += 1;
    const delay = Math.min(this.restartMs * 2 ** (this.deathsInRow - 1), MOST_RESTART_MS);
    this.options.log.error(
      { err: slot.error ?? failed, restartInMs: delay },
      `${this.options.name}: a worker thread stopped; it is started again`,
    );
    slot.task?.reject(failed);
    // A worker that cannot start cannot compute anything waiting either.
    if (!slot.ready) for (const task of this.queue.splice(0)) task.reject(failed);
    const timer = setTimeout(() => {
      this.restarts.delete(timer);
      if (!this.closed) this.spawn();
    }, delay);
    this.restarts.add(timer);
  }
}
