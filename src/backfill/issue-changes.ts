import { labelNames, millis } from "../ingest/index.js";
import { MEMBER_ASSOCIATIONS } from "../metrics/index.js";
import type { IssueRecord, StoreChange } from "../store/index.js";
import { graphqlActor } from "./graphql-actor.js";
import type { IssueCommentNode, IssueNode } from "./graphql-replies.js";
import { milestoneIdOf, type RepositoryContext } from "./repository-context.js";

/** Whether these comments hold a first response: by a member, not the author, not a bot. */
export function hasMemberResponse(issue: IssueNode, comments: IssueCommentNode[]): boolean {
  const author = graphqlActor(issue.author).login;
  return comments.some((comment) => {
    const commenter = graphqlActor(comment.author);
    return (
      MEMBER_ASSOCIATIONS.has(comment.authorAssociation) &&
      commenter.type !== "Bot" &&
      commenter.login !== author
    );
  });
}

/** The records ingest would have written for this issue and its comments from webhooks. */
export function issueChanges(
  node: IssueNode,
  comments: IssueCommentNode[],
  context: RepositoryContext,
): StoreChange[] {
  const { installationId, repositoryId } = context;
  const issueId = Number(node.fullDatabaseId);
  const record: IssueRecord = {
    installationId,
    repositoryId,
    issueId,
    number: node.number,
    title: node.title,
    author: graphqlActor(node.author),
    authorAssociation: node.authorAssociation,
    labels: labelNames(node.labels?.nodes),
    state: node.issueState === "OPEN" ? "open" : "closed",
    createdAt: millis(node.createdAt),
    updatedAt: millis(node.updatedAt),
    closedAt: millis(node.closedAt),
    milestoneId: milestoneIdOf(context, node.milestone),
  };
  return [
    { kind: "issue", record },
    ...comments.map(
      (comment): StoreChange => ({
        kind: "issue_comment",
        record: {
          installationId,
          repositoryId: context.repositoryId,
          issueId,
          commentId: Number(comment.fullDatabaseId),
          author: graphqlActor(comment.author),
          authorAssociation: comment.authorAssociation,
          createdAt: millis(comment.createdAt),
        },
      }),
    ),
  ];
}
