import type { StoreChange } from "../store/index.js";
import { type IngestContext, requireRepository } from "./context.js";
import { issueSnapshot } from "./issues.js";
import { millis, normalizeActor } from "./normalize-fields.js";
import { parse } from "./parse.js";
import { commentSchema, issueSchema } from "./payload-schemas.js";

/** Comments on issues feed the first-response measure; comments on PRs are not needed. */
export function issueCommentChanges(
  action: string,
  payload: Record<string, unknown>,
  context: IngestContext,
): StoreChange[] | null {
  if (action !== "created" && action !== "deleted") return null;
  const issue = parse(issueSchema, payload.issue, "issue");
  const comment = parse(commentSchema, payload.comment, "comment");
  if (issue.pull_request !== undefined) return [];
  const { installationId } = context;
  if (action === "deleted")
    return [{ kind: "issue_comment_deleted", installationId, commentId: comment.id }];
  return [
    ...issueSnapshot(context, issue),
    {
      kind: "issue_comment",
      record: {
        installationId,
        repositoryId: requireRepository(context).id,
        issueId: issue.id,
        commentId: comment.id,
        author: normalizeActor(comment.user),
        authorAssociation: comment.author_association,
        createdAt: millis(comment.created_at),
      },
    },
  ];
}
