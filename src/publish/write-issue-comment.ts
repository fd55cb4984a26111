import { type GitHubTarget, type RepositoryRef, repositoryPath } from "../github/index.js";
import { knownContent } from "./content-hash.js";
import { createOrUpdate } from "./create-or-update.js";
import { findByMarker } from "./find-by-marker.js";
import type { PublishContext, PublishResult } from "./publish-context.js";
import { rememberPublication } from "./remember-publication.js";
import { issueMarker } from "./write-issue.js";

export interface IssueCommentContent {
  /** Stable key; written into the body as an HTML comment so the comment can be found again. */
  key: string;
  body: string;
}

async function findComment(
  target: GitHubTarget,
  repository: RepositoryRef,
  issueNumber: number,
  key: string,
): Promise<number | null> {
  return findByMarker(
    target,
    `${repositoryPath(repository)}/issues/${issueNumber}/comments`,
    {},
    issueMarker(key),
    "id",
  );
}

/**
 * Creates a comment on an issue we published, or edits it in place (found by its marker, in
 * the store first). Same content as last time: no request.
 */
export async function writeIssueComment(
  context: PublishContext,
  repository: RepositoryRef,
  issueNumber: number,
  content: IssueCommentContent,
): Promise<PublishResult> {
  const { store, target, installationId } = context;
  const key = `comment:${content.key}`;
  return store.withPublicationLock(installationId, key, async () => {
    const body = `${issueMarker(content.key)}\n${content.body}`;
    const known = await store.getPublication(installationId, key);
    const { hash, same } = await knownContent(context, repository, key, known, {
      issueNumber,
      body,
    });
    if (same && known?.state === "open") return "unchanged";
    const base = repositoryPath(repository);
    const find = () => findComment(target, repository, issueNumber, content.key);
    const { id, result } = await createOrUpdate(
      target,
      known && known.state === "open" && known.targetId !== null ? known.targetId : await find(),
      {
        create: { method: "POST", path: `${base}/issues/${issueNumber}/comments`, body: { body } },
        update: (comment) => ({
          method: "PATCH",
          path: `${base}/issues/comments/${comment}`,
          body: { body },
        }),
      },
      (created) => created.id as number,
      find,
    );
    await rememberPublication(context, repository, key, {
      targetId: id,
      contentHash: hash,
      state: "open",
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
  const { store, target, installationId } = context;
  const key = `comment:${content.key}`;
  return store.withPublicationLock(installationId, key, async () => {
    const known = await store.getPublication(installationId, key);
    if (known?.state !== "open" || known.targetId === null) return "unchanged";
    await target.send({
      method: "DELETE",
      path: `${repositoryPath(repository)}/issues/comments/${known.targetId}`,
      body: {},
    });
    await rememberPublication(context, repository, key, {
      targetId: known.targetId,
      contentHash: known.contentHash,
      state: "deleted",
    });
    return "closed";
  });
}
