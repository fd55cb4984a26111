import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Millis } from "../store/index.js";
import { signedValues } from "./signed-values.js";

/** A sign-in must come back from GitHub within this time. */
export const SIGN_IN_STATE_MS = 10 * 60_000;

const pending = z.object({ state: z.string(), returnTo: z.string(), expiresAt: z.number() });

/**
 * The `state` of each sign-in started and not finished, kept by the browser that started it in
 * a cookie signed with the session secret (HttpOnly, SameSite=Lax, ten minutes): starting a
 * sign-in writes nothing on the server, whoever asks, and GitHub's redirect may reach any
 * replica. A `state` from someone else's sign-in is refused, as is one past its time. A state
 * is used once: its cookie is cleared when GitHub sends the browser back, and GitHub takes the
 * code that comes with it only once.
 */
export class SignInStates {
  private readonly cookies;

  constructor(sessionSecret: string) {
    this.cookies = signedValues(sessionSecret, "sign-in state");
  }

  /** A new state for GitHub, and the cookie value that carries it with where to return. */
  start(returnTo: string, now: Millis): { state: string; cookie: string } {
    const state = randomBytes(32).toString("base64url");
    const kept = JSON.stringify({ state, returnTo, expiresAt: now + SIGN_IN_STATE_MS });
    return { state, cookie: this.cookies.sign(Buffer.from(kept).toString("base64url")) };
  }

  /**
   * Where the sign-in should return to: when the cookie is one this app signed, for this state,
   * and not past its time; else undefined.
   */
  finish(state: string, cookie: string | undefined, now: Millis): string | undefined {
    const value = this.cookies.verify(cookie);
    if (value === null) return undefined;
    let kept: z.infer<typeof pending>;
    try {
      kept = pending.parse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    } catch {
      return undefined;
    }
    return kept.state === state && kept.expiresAt > now ? kept.returnTo : undefined;
  }
}
