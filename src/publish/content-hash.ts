import { createHash } from "node:crypto";

/** A stable hash of what would be sent: same content, same hash, no request. */
export function contentHash(content: unknown): string {
  return createHash("sha256").update(JSON.stringify(content)).digest("hex");
}
