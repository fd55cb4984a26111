import { randomBytes } from "node:crypto";
import type { DashboardSessions, Millis } from "../store/index.js";

/** A sign-in must come back from GitHub within this time. */
export const SIGN_IN_STATE_MS = 10 * 60_000;

/**
 * The `state` of each sign-in started and not finished: random, used once, short lived, kept in
 * the store so that GitHub's redirect may reach any replica. The browser that started it holds
 * it in a signed cookie too, so a `state` from someone else's sign-in is refused.
 */
export class SignInStates {
  constructor(private readonly store: DashboardSessions) {}

  async start(returnTo: string, now: Millis): Promise<string> {
    const state = randomBytes(32).toString("base64url");
    await this.store.purgeExpiredSessions(now);
    await this.store.putSignInState({ state, returnTo, expiresAt: now + SIGN_IN_STATE_MS });
    return state;
  }

  /** Where the sign-in should return to, once; undefined when unknown, used or expired. */
  finish(state: string, now: Millis): Promise<string | undefined> {
    return this.store.takeSignInState(state, now);
  }
}
