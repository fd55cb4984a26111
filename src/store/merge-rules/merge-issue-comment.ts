import type { IssueCommentRecord } from "../records.js";

/**
 * An issue comment against its stored row: only the author's association can change (it
 * follows the author's membership). Undefined when the stored row stays as it is.
 */
export function mergeIssueComment(
  stored: IssueCommentRecord | undefined,
  incoming: IssueCommentRecord,
): IssueCommentRecord | undefined {
  if (!stored) return incoming;
  if (stored.authorAssociation === incoming.authorAssociation) return undefined;
  return { ...stored, authorAssociation: incoming.authorAssociation };
}
