import type Database from "better-sqlite3";
import { putRow } from "../changes/index.js";
import { inProcessLocks } from "../in-process-locks.js";
import { TABLES } from "../schema/index.js";
import type { Publications } from "../store.js";
import type { SqliteActivityWrites } from "./sqlite-activity-writes.js";

/** One process owns an SQLite file's publishing, so a lock in this process serialises a key. */
export function sqlitePublications(
  db: Database.Database,
  writes: Pick<SqliteActivityWrites, "write">,
): Publications {
  const { columns, fromColumns } = TABLES.publications;
  const get = db
    .prepare(`SELECT ${columns.join(", ")} FROM publications WHERE installation_id = ? AND key = ?`)
    .raw();
  const lock = inProcessLocks();
  return {
    async getPublication(installationId, key) {
      const found = get.get(installationId, key) as unknown[] | undefined;
      return found ? fromColumns(found) : undefined;
    },
    async putPublication(publication) {
      writes.write(putRow("publications", publication));
    },
    withPublicationLock(installationId, key, work) {
      return lock(`${installationId}:${key}`, work);
    },
  };
}
