import { type RepositoryRef, repositoryPath } from "../github/index.js";
import { knownContent } from "./content-hash.js";
import { createOrUpdate } from "./create-or-update.js";
import { findByMarker } from "./find-by-marker.js";
import type { PublishContext, PublishResult } from "./publish-context.js";
import { rememberPublication } from "./remember-publication.js";

export interface IssueContent {
  /** Stable key; written into the body as an HTML comment so the issue can be found again. */
  key: string;
  title: string;
  body: string;
  labels: string[];
}

export function issueMarker(key: string): string {
  return `<!-- probot-expectations:${key} -->`;
}

/** The number of the issue published under `key`: from the store, else by its marker. */
export async function findIssue(
  context: PublishContext,
  repository: RepositoryRef,
  content: Pick<IssueContent, "key" | "labels">,
  options: { afterUncertainCreate?: boolean } = {},
): Promise<number | null> {
  const key = `issue:${content.key}`;
  const known = await context.store.getPublication(context.installationId, key);
  if (known?.targetId != null) return known.targetId;
  // Looked for before and not there: no second look-up, unless a create may have half-happened.
  if (known && !options.afterUncertainCreate) return null;
  const marker = issueMarker(content.key);
  const found = await findByMarker(
    context.target,
    `${repositoryPath(repository)}/issues`,
    { state: "all", labels: content.labels.join(",") },
    marker,
    "number",
  );
  if (found === null) {
    await rememberPublication(context, repository, key, {
      targetId: null,
      contentHash: "",
      state: "absent",
    });
  }
  return found;
}

/**
 * Creates the issue, or edits it in place (found by its marker), and reopens it if it was closed
 * by us. Same content as last time: no request.
 */
export async function writeIssue(
  context: PublishContext,
  repository: RepositoryRef,
  content: IssueContent,
): Promise<{ result: PublishResult; number: number }> {
  const { store, target, installationId } = context;
  const key = `issue:${content.key}`;
  return store.withPublicationLock(installationId, key, async () => {
    const body = `${issueMarker(content.key)}\n${content.body}`;
    const known = await store.getPublication(installationId, key);
    const { hash, same } = await knownContent(context, repository, key, known, {
      title: content.title,
      body,
      labels: content.labels,
    });
    if (same && known?.state === "open" && known.targetId !== null) {
      return { result: "unchanged" as const, number: known.targetId };
    }
    const base = repositoryPath(repository);
    const { id: number, result } = await createOrUpdate(
      target,
      await findIssue(context, repository, content),
      {
        create: {
          method: "POST",
          path: `${base}/issues`,
          body: { title: content.title, body, labels: content.labels },
        },
        update: (issue) => ({
          method: "PATCH",
          path: `${base}/issues/${issue}`,
          body: { title: content.title, body, state: "open" },
        }),
      },
      (created) => created.number as number,
      () => findIssue(context, repository, content, { afterUncertainCreate: true }),
    );
    await rememberPublication(context, repository, key, {
      targetId: number,
      contentHash: hash,
      state: "open",
    });
    return { result, number };
  });
}

/** Closes the issue published under `key`, if there is one and it is open. */
export async function closeIssue(
  context: PublishContext,
  repository: RepositoryRef,
  content: Pick<IssueContent, "key" | "labels">,
  stateReason: "completed" | "not_planned" = "completed",
): Promise<PublishResult> {
  const { store, installationId } = context;
  const key = `issue:${content.key}`;
  return store.withPublicationLock(installationId, key, async () => {
    const known = await store.getPublication(installationId, key);
    if (known?.state === "closed") return "unchanged";
    const number = await findIssue(context, repository, content);
    if (number === null) return "unchanged";
    await context.target.send({
      method: "PATCH",
      path: `${repositoryPath(repository)}/issues/${number}`,
      body: { state: "closed", state_reason: stateReason },
    });
    await rememberPublication(context, repository, key, {
      targetId: number,
      contentHash: known?.contentHash ?? "",
      state: "closed",
    });
    return "closed";
  });
}
