import type { RepositoryRef } from "../github/index.js";
import { splitMarkdownBody } from "../markdown/index.js";
import type { PublishContext, PublishResult } from "./publish-context.js";
import { type IssueContent, writeIssue } from "./write-issue.js";
import { deleteIssueComment, writeIssueComment } from "./write-issue-comment.js";

interface IssueInParts {
  result: PublishResult;
  number: number;
  /** Follow-up comments holding the rest of a body too long for one issue. */
  comments: number;
}

/**
 * Publishes an issue whose body may be longer than GitHub takes (65,535 characters): the first
 * part in the issue, the rest in follow-up comments found again by their keys, each edited in
 * place; parts a shorter body no longer needs are deleted. `what` names the parts ("Review
 * activity, part 2 of 3").
 */
export async function writeIssueInParts(
  context: PublishContext,
  repository: RepositoryRef,
  content: IssueContent,
  what: string,
): Promise<IssueInParts> {
  const parts = splitMarkdownBody(content.body);
  const count = parts.length;
  const body = (part: string, i: number) =>
    count === 1
      ? part
      : i === 0
        ? `${part}\n_Continued in the ${count - 1 === 1 ? "comment" : `${count - 1} comments`} below._\n`
        : `_${what}, part ${i + 1} of ${count}._\n\n${part}`;
  const { result, number } = await writeIssue(context, repository, {
    ...content,
    body: body(parts[0] as string, 0),
  });
  for (let i = 1; i < count; i++) {
    await writeIssueComment(context, repository, number, {
      key: `${content.key}:part-${i + 1}`,
      body: body(parts[i] as string, i),
    });
  }
  for (let i = count + 1; ; i++) {
    const deleted = await deleteIssueComment(context, repository, {
      key: `${content.key}:part-${i}`,
    });
    if (deleted === "unchanged") break;
  }
  return { result, number, comments: count - 1 };
}
