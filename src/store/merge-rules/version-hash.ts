import { createHash } from "node:crypto";

/** A hash of the payload a snapshot came from: breaks ties between snapshots of equal time. */
export function versionHash(record: object): string {
  return createHash("sha1").update(JSON.stringify(record)).digest("hex");
}
