import type { RepositoryRecord } from "../records.js";

/** Every event keeps its repository's name and visibility current; undefined when they are. */
export function mergeRepository(
  stored: RepositoryRecord | undefined,
  incoming: RepositoryRecord,
): RepositoryRecord | undefined {
  if (stored && stored.fullName === incoming.fullName && stored.private === incoming.private)
    return undefined;
  return incoming;
}
