import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from "node:crypto";
import type { DashboardSessions, Millis } from "../store/index.js";

export interface Session {
  id: string;
  login: string;
  userId: number;
  /** The user's GitHub token: kept on the server (encrypted in the store), never sent to the browser. */
  token: string;
  expiresAt: Millis;
  /** Sent back with the sign-out form, so another site cannot sign anyone out. */
  formToken: string;
}

/** The store keeps a hash of the id: whoever reads the database cannot take over a session. */
function idHash(id: string): string {
  return createHash("sha256").update(id).digest("base64url");
}

/**
 * Signed-in people, kept in the store so that every replica (and the next start) knows them.
 * The GitHub token is encrypted at rest (AES-256-GCM, with a key derived from the session
 * secret), so the database alone does not give anyone's token away. Expired sessions go on
 * sight and whenever someone signs in.
 */
export class SessionStore {
  private readonly key: Buffer;

  constructor(
    private readonly store: DashboardSessions,
    sessionSecret: string,
  ) {
    this.key = createHmac("sha256", sessionSecret)
      .update("probot-expectations: session token at rest")
      .digest();
  }

  async create(fields: Omit<Session, "id" | "formToken">, now: Millis): Promise<Session> {
    const session = {
      ...fields,
      id: randomBytes(32).toString("base64url"),
      formToken: randomBytes(32).toString("base64url"),
    };
    await this.store.purgeExpiredSessions(now);
    await this.store.putSession({
      idHash: idHash(session.id),
      login: session.login,
      userId: session.userId,
      sealedToken: this.seal(session.token),
      formToken: session.formToken,
      expiresAt: session.expiresAt,
    });
    return session;
  }

  async get(id: string, now: Millis): Promise<Session | undefined> {
    const kept = await this.store.getSession(idHash(id), now);
    if (!kept) return undefined;
    const token = this.open(kept.sealedToken);
    // Sealed under another SESSION_SECRET: that session cannot be used any more.
    if (token === null) return undefined;
    const { login, userId, formToken, expiresAt } = kept;
    return { id, login, userId, token, formToken, expiresAt };
  }

  async delete(id: string): Promise<void> {
    await this.store.deleteSession(idHash(id));
  }

  private seal(token: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    const sealed = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString("base64url");
  }

  private open(sealed: string): string | null {
    try {
      const bytes = Buffer.from(sealed, "base64url");
      const decipher = createDecipheriv("aes-256-gcm", this.key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString(
        "utf8",
      );
    } catch {
      return null;
    }
  }
}
