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

/** A sign-in state is used once: taken, it is gone, whether it was still good or not. */
export function* takeSignInState(state: string, now: Millis): RowProgram<string | undefined> {
  const found = yield* getRow("sign_in_states", { state });
  if (!found) return undefined;
  yield* deleteRow("sign_in_states", { state });
  return found.expiresAt > now ? found.returnTo : undefined;
}
