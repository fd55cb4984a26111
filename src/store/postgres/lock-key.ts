import { createHash } from "node:crypto";

/** A 64-bit advisory lock key for a name (a collision only makes two names wait for each other). */
export function lockKey(name: string): string {
  return createHash("sha1").update(name).digest().readBigInt64BE(0).toString();
}
