import { createHmac, timingSafeEqual } from "node:crypto";

export interface SignedValues {
  /** `<value>.<signature>`; the value must not be secret (it is readable in the cookie). */
  sign(value: string): string;
  /** The value when the signature is this key's, else null. */
  verify(signed: string | undefined): string | null;
}

/**
 * HMAC-SHA256 signatures with a key derived from the session secret for one purpose, so a value
 * signed for one use (a session id) is never accepted for another (a sign-in state).
 */
export function signedValues(secret: string, purpose: string): SignedValues {
  const key = createHmac("sha256", secret).update(`probot-expectations: ${purpose}`).digest();
  const signature = (value: string) => createHmac("sha256", key).update(value).digest("base64url");
  return {
    sign: (value) => `${value}.${signature(value)}`,
    verify(signed) {
      if (!signed) return null;
      const dot = signed.lastIndexOf(".");
      if (dot <= 0) return null;
      const value = signed.slice(0, dot);
      const given = Buffer.from(signed.slice(dot + 1));
      const expected = Buffer.from(signature(value));
      return given.length === expected.length && timingSafeEqual(given, expected) ? value : null;
    },
  };
}
