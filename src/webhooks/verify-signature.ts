import { createHmac, timingSafeEqual } from "node:crypto";

/** GitHub's `X-Hub-Signature-256` form: checked before the body is read. */
export const SIGNATURE = /^sha256=([0-9a-f]{64})$/;

/**
 * Whether `header` is GitHub's `X-Hub-Signature-256` of exactly these bytes with `secret`: an
 * HMAC-SHA256, compared in constant time. The older SHA-1 `X-Hub-Signature` is never accepted.
 */
export function verifySignature(secret: string, body: Buffer, header: string): boolean {
  const given = SIGNATURE.exec(header)?.[1];
  if (!given) return false;
  const expected = createHmac("sha256", secret).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(given, "hex"));
}
