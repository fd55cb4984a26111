import { contentHash } from "./content-hash.js";
import { createOnce } from "./create-once.js";
import type { GitHubTarget } from "./github-write.js";
import { withPublicationLock } from "./publication-lock.js";
import {
  type PublishContext,
  type PublishResult,
  type RepositoryRef,
  repositoryPath,
} from "./publish-context.js";
import { issueMarker } from "./publish-issue.js";

export interface IssueCommentContent {
  /** Stable key; written into the body as an HTML comment so the comment can be found again. */
  key: string;
  body: string;
}

interface CommentListing {
  id: number;
  body?: string | null;
}

async function findComment(
  target: GitHubTarget,
  repository: RepositoryRef,
  issueNumber: number,
  key: string,
): Promise<number | null> {
  const marker = issueMarker(key);
  const comments = (await target.read(
    `${repositoryPath(repository)}/issues/${issueNumber}/comments`,
    { per_page: 100 },
  )) as CommentListing[];
  return comments.find((comment) => comment.body?.includes(marker))?.id ?? null;
}

/**
 * Creates a comment on an issue we published, or edits it in place (found by its marker, in
 * the store first). Same content as last time: no request.
 */
export async function publishIssueComment(
  context: PublishContext,
  repository: RepositoryRef,
  issueNumber: number,
  content: IssueCommentContent,
): Promise<PublishResult> {
  const { store, target, installationId, now } = context;
  const key = `comment:${content.key}`;
  return withPublicationLock(store, `${installationId}:${key}`, async () => {
    const body = `${issueMarker(content.key)}\n${content.body}`;
    const hash = contentHash({ issueNumber, body });
    const known = await store.getPublication(installationId, key);
    if (known?.contentHash === hash && known.state === "open") return "unchanged";
    const base = repositoryPath(repository);
    let id =
      known && known.state === "open" && known.targetId !== null
        ? known.targetId
        : await findComment(target, repository, issueNumber, content.key);
    let result: PublishResult;
    if (id === null) {
      const outcome = await createOnce(
        target,
        { method: "POST", path: `${base}/issues/${issueNumber}/comments`, body: { body } },
        (created) => created.id as number,
        () => findComment(target, repository, issueNumber, content.key),
      );
      id = outcome.id;
      if (outcome.found)
        await target.send({
          method: "PATCH",
          path: `${base}/issues/comments/${id}`,
          body: { body },
        });
      result = "created";
    } else {
      await target.send({ method: "PATCH", path: `${base}/issues/comments/${id}`, body: { body } });
      result = "updated";
    }
    await store.putPublication({
      installationId,
      key,
      repositoryId: repository.repositoryId ?? null,
      targetId: id,
      contentHash: hash,
      state: "open",
      updatedAt: now,
    });
    return result;
  });
}

/** Deletes a comment published under `key` (a report that no longer needs that many parts). */
export async function deleteIssueComment(
  context: PublishContext,
  repository: RepositoryRef,
  content: Pick<IssueCommentContent, "key">,
): Promise<PublishResult> {
  const { store, target, installationId, now } = context;
  const key = `comment:${content.key}`;
  return withPublicationLock(store, `${installationId}:${key}`, async () => {
    const known = await store.getPublication(installationId, key);
    if (known?.state !== "open" || known.targetId === null) return "unchanged";
    await target.send({
      method: "DELETE",
      path: `${repositoryPath(repository)}/issues/comments/${known.targetId}`,
      body: {},
    });
    await store.putPublication({ ...known, state: "deleted", updatedAt: now });
    return "closed";
  });
}
