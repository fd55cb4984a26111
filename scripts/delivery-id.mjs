import { createHash } from "node:crypto";

/** A deterministic UUID-shaped delivery id from (event, action, object id, time). */
export function deliveryId(name, action, objectId, at) {
  const hex = createHash("sha256").update(`${name}|${action}|${objectId}|${at}`).digest("hex");
  const variant = ((Number.parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `5${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join("-");
}
