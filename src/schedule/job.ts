/** A persisted job: its next run is kept in the store, so a restart neither skips nor repeats it. */
export interface ScheduledJob {
  name: string;
  /** The first run time after `after` (a daily job: the next day's run). */
  nextRunAfter(after: Date): Date;
  run(now: Date): Promise<void>;
  /** Due as soon as a process starts (whatever its stored next run), then on its schedule. */
  runAtStart?: boolean;
  /** How long its lease lasts if its holder dies mid-run (default the scheduler's). */
  leaseMs?: number;
}
