import type { Millis } from "../records.js";
import type { DashboardSession } from "../rows.js";
import { deleteRow, getRow, type RowProgram } from "./row-operations.js";

/** The session while it lasts; an expired one is deleted on sight. */
export function* getSession(idHash: string, now: Millis): RowProgram<DashboardSession | undefined> {
  const session = yield* getRow("dashboard_sessions", { idHash });
  if (!session || session.expiresAt > now) return session;
  yield* deleteRow("dashboard_sessions", { idHash });
  return undefined;
}
