import type Database from "better-sqlite3";
import { acquireLease, releaseLease, setNextRun } from "../changes/index.js";
import type { JobLeases } from "../store.js";
import type { SqliteActivityWrites } from "./sqlite-activity-writes.js";

export function sqliteJobLeases(
  db: Database.Database,
  writes: Pick<SqliteActivityWrites, "write">,
): JobLeases {
  const nextRun = db.prepare("SELECT next_run_at FROM jobs WHERE name = ?").pluck();
  return {
    async acquireLease(job, owner, now, ttlMs) {
      return writes.write(acquireLease(job, owner, now, ttlMs));
    },
    async releaseLease(job, owner) {
      writes.write(releaseLease(job, owner));
    },
    async getNextRun(job) {
      return (nextRun.get(job) as number | null | undefined) ?? undefined;
    },
    async setNextRun(job, nextRunAt, lastRunAt, scope) {
      writes.write(setNextRun(job, nextRunAt, lastRunAt, scope));
    },
  };
}
