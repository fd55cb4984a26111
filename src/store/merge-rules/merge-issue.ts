import type { IssueRecord } from "../records.js";
import type { StoredIssue } from "../stored-rows.js";
import { newestWins } from "./newest-wins.js";
import { versionHash } from "./version-hash.js";

/** An issue snapshot: the newest wins (ties by content). Undefined when the stored one stays. */
export function mergeIssue(
  stored: StoredIssue | undefined,
  incoming: IssueRecord,
): StoredIssue | undefined {
  const version = { updatedAt: incoming.updatedAt, versionHash: versionHash(incoming) };
  return newestWins(version, stored) ? { ...incoming, ...version } : undefined;
}
