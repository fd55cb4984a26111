import type Database from "better-sqlite3";
import { applyBackfillPage, putBackfillCursor } from "../changes/index.js";
import { TABLES } from "../schema/index.js";
import type { BackfillCursors } from "../store.js";
import type { SqliteActivityWrites } from "./sqlite-activity-writes.js";

export function sqliteBackfillCursors(
  db: Database.Database,
  writes: Pick<SqliteActivityWrites, "write">,
): BackfillCursors {
  const { columns, fromColumns } = TABLES.backfill_cursors;
  const select = `SELECT ${columns.join(", ")} FROM backfill_cursors`;
  const get = db
    .prepare(`${select} WHERE installation_id = ? AND repository_id = ? AND kind = ?`)
    .raw();
  const unfinished = db
    .prepare(`${select} WHERE installation_id = ? AND done = 0 ORDER BY repository_id, kind`)
    .raw();
  return {
    async getBackfillCursor(installationId, repositoryId, kind) {
      const found = get.get(installationId, repositoryId, kind) as unknown[] | undefined;
      if (!found) return undefined;
      const { cursor, since, done } = fromColumns(found);
      return { cursor, since, done };
    },
    async putBackfillCursor(installationId, repositoryId, kind, value, now) {
      writes.write(putBackfillCursor({ installationId, repositoryId, kind, ...value }, now));
    },
    async applyBackfillPage(changes, cursor, now, previous) {
      return writes.write(applyBackfillPage(changes, cursor, now, previous));
    },
    async listUnfinishedBackfills(installationId) {
      return (unfinished.all(installationId) as unknown[][]).map((r) => {
        const { updatedAt: _updatedAt, ...cursor } = fromColumns(r);
        return cursor;
      });
    },
  };
}
