import type pg from "pg";
import { getSession, putRow } from "../changes/index.js";
import type { DashboardSessions } from "../store.js";
import type { PostgresTransactions } from "./postgres-transaction.js";

/** The dashboard's sessions, by the hash of their id. */
export function postgresDashboardSessions(
  pool: pg.Pool,
  { write }: Pick<PostgresTransactions, "write">,
): DashboardSessions {
  return {
    putSession: (session) => write(() => putRow("dashboard_sessions", session)),
    getSession: (idHash, now) => write(() => getSession(idHash, now)),
    async deleteSession(idHash) {
      await pool.query("DELETE FROM dashboard_sessions WHERE id_hash = $1", [idHash]);
    },
    async purgeExpiredSessions(now) {
      const sessions = await pool.query("DELETE FROM dashboard_sessions WHERE expires_at <= $1", [
        now,
      ]);
      return sessions.rowCount ?? 0;
    },
  };
}
