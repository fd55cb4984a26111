import type { ReviewRecord } from "../records.js";
import type { ReviewRow } from "../rows.js";

/**
 * A review against its stored row: a state the payload does not carry (a dismissal seen alone)
 * keeps the stored one, a dismissal sticks, and the association and commit are kept when
 * absent; who reviewed, when, and on which pull request are as first stored. Returns the row to
 * store, or undefined when the stored row stays as it is.
 */
export function mergeReview(
  stored: ReviewRow | undefined,
  incoming: ReviewRecord,
): ReviewRow | undefined {
  if (!stored) {
    return {
      ...incoming,
      authorAssociation: incoming.authorAssociation ?? null,
    };
  }
  const state = incoming.state ?? stored.state;
  const dismissed = stored.dismissed || incoming.dismissed;
  const authorAssociation = incoming.authorAssociation ?? stored.authorAssociation;
  const commitId = incoming.commitId ?? stored.commitId;
  if (
    state === stored.state &&
    dismissed === stored.dismissed &&
    authorAssociation === stored.authorAssociation &&
    commitId === stored.commitId
  )
    return undefined;
  return { ...stored, state, dismissed, authorAssociation, commitId };
}
