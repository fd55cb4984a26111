import { randomBytes } from "node:crypto";
import type { Millis } from "../store/index.js";
import { setBounded } from "./bounded-map.js";

export interface Session {
  id: string;
  login: string;
  userId: number;
  /** The user's GitHub token: kept here, on the server, and never sent to the browser. */
  token: string;
  expiresAt: Millis;
  /** Sent back with the sign-out form, so another site cannot sign anyone out. */
  formToken: string;
}

/**
 * Signed-in people, in this process's memory: a restart signs everyone out, and several
 * replicas need sticky sessions. At most `max` sessions; the oldest go first.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly max = 10_000) {}

  create(fields: Omit<Session, "id" | "formToken">): Session {
    const session = {
      ...fields,
      id: randomBytes(32).toString("base64url"),
      formToken: randomBytes(32).toString("base64url"),
    };
    setBounded(this.sessions, session.id, session, this.max);
    return session;
  }

  get(id: string, now: Millis): Session | undefined {
    const session = this.sessions.get(id);
    if (session && session.expiresAt <= now) {
      this.sessions.delete(id);
      return undefined;
    }
    return session;
  }

  delete(id: string): Session | undefined {
    const session = this.sessions.get(id);
    this.sessions.delete(id);
    return session;
  }
}
