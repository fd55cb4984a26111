import type Database from "better-sqlite3";
import { confirmPurge, dropPurge, postponePurge } from "../changes/index.js";
import { TABLES } from "../schema/index.js";
import type { PendingPurges } from "../store.js";
import type { SqliteActivityWrites } from "./sqlite-activity-writes.js";

/** Purges waiting for GitHub's confirmation, each step one write transaction. */
export function sqlitePendingPurges(
  db: Database.Database,
  writes: Pick<SqliteActivityWrites, "write">,
): PendingPurges {
  const { columns, fromColumns } = TABLES.pending_purges;
  const select = `SELECT ${columns.join(", ")} FROM pending_purges WHERE due_at <= ?`;
  const due = db.prepare(`${select} ORDER BY due_at, installation_id, subject LIMIT ?`).raw();
  const dueOf = db
    .prepare(`${select} AND installation_id = ? ORDER BY due_at, subject LIMIT ?`)
    .raw();
  return {
    async listDuePurges(now, limit, installationId) {
      const found =
        installationId === undefined ? due.all(now, limit) : dueOf.all(now, installationId, limit);
      return (found as unknown[][]).map((r) => fromColumns(r));
    },
    async confirmPurge(purge) {
      return writes.write(confirmPurge(purge));
    },
    async dropPurge(purge) {
      writes.write(dropPurge(purge));
    },
    async postponePurge(purge, dueAt, error) {
      writes.write(postponePurge(purge, dueAt, error));
    },
  };
}
