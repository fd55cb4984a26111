import { randomBytes } from "node:crypto";
import type { Millis } from "../store/index.js";
import { setBounded } from "./bounded-map.js";

/** A sign-in must come back from GitHub within this time. */
export const SIGN_IN_STATE_MS = 10 * 60_000;

/**
 * The `state` of each sign-in started and not finished: random, used once, short lived. The
 * browser that started it holds it in a signed cookie too, so a `state` from someone else's
 * sign-in is refused.
 */
export class SignInStates {
  private readonly pending = new Map<string, { expiresAt: Millis; returnTo: string }>();

  constructor(private readonly max = 10_000) {}

  start(returnTo: string, now: Millis): string {
    const state = randomBytes(32).toString("base64url");
    setBounded(this.pending, state, { expiresAt: now + SIGN_IN_STATE_MS, returnTo }, this.max);
    return state;
  }

  /** Where the sign-in should return to, once; undefined when unknown, used or expired. */
  finish(state: string, now: Millis): string | undefined {
    const entry = this.pending.get(state);
    this.pending.delete(state);
    return entry && entry.expiresAt > now ? entry.returnTo : undefined;
  }
}
