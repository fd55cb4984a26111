import type { IssueCommentRecord } from "../records.js";
import type { IssueCommentRow } from "../rows.js";

/**
 * An issue comment against its stored row: only the author's association can change (it
 * follows the author's membership); `repositoryId` is for a new row, 0 while its issue is not
 * stored. Undefined when the stored row stays as it is.
 */
export function mergeIssueComment(
  stored: IssueCommentRow | undefined,
  incoming: IssueCommentRecord,
  repositoryId: number,
): IssueCommentRow | undefined {
  if (!stored) return { ...incoming, repositoryId };
  if (stored.authorAssociation === incoming.authorAssociation) return undefined;
  return { ...stored, authorAssociation: incoming.authorAssociation };
}
