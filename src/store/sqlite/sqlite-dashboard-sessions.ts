import type Database from "better-sqlite3";
import { getSession, putRow } from "../changes/index.js";
import type { DashboardSessions } from "../store.js";
import type { SqliteActivityWrites } from "./sqlite-activity-writes.js";

export function sqliteDashboardSessions(
  db: Database.Database,
  writes: Pick<SqliteActivityWrites, "write">,
): DashboardSessions {
  const purgeSessions = db.prepare("DELETE FROM dashboard_sessions WHERE expires_at <= ?");
  const deleteSession = db.prepare("DELETE FROM dashboard_sessions WHERE id_hash = ?");
  return {
    async putSession(session) {
      writes.write(putRow("dashboard_sessions", session));
    },
    async getSession(idHash, now) {
      return writes.write(getSession(idHash, now));
    },
    async deleteSession(idHash) {
      deleteSession.run(idHash);
    },
    async purgeExpiredSessions(now) {
      return purgeSessions.run(now).changes;
    },
  };
}
