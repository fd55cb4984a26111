import { type RepositoryRef, repositoryPath } from "../github/index.js";
import { knownContent } from "./content-hash.js";
import { createOrUpdate } from "./create-or-update.js";
import type { PublishContext, PublishResult } from "./publish-context.js";
import { rememberPublication } from "./remember-publication.js";

export interface CheckRunContent {
  name: string;
  head_sha: string;
  external_id: string;
  conclusion: "success" | "neutral" | "failure" | "action_required";
  output: { title: string; summary: string; text?: string };
  details_url?: string;
}

export interface WriteCheckRunOptions {
  /** Send even when the content is unchanged (someone asked GitHub to re-run the check). */
  force?: boolean;
}

interface CheckRunListing {
  check_runs?: { id: number; external_id?: string | null }[];
}

/** The key under which the check run for this external id and head SHA is remembered. */
export function checkRunPublicationKey(externalId: string, headSha: string): string {
  return `check:${externalId}:${headSha}`;
}

/**
 * Creates or updates the check run for this head SHA. Found again by `external_id`: first in
 * the store, then (once, if the store lost it) among the SHA's check runs of that name. Same
 * content as last time: no request at all. The hash covers the content only, never the time.
 */
export async function writeCheckRun(
  context: PublishContext,
  repository: RepositoryRef,
  content: CheckRunContent,
  options: WriteCheckRunOptions = {},
): Promise<PublishResult> {
  const { store, target, installationId, now } = context;
  const key = checkRunPublicationKey(content.external_id, content.head_sha);
  return store.withPublicationLock(installationId, key, async () => {
    const known = await store.getPublication(installationId, key);
    const { hash, same } = await knownContent(context, repository, key, known, content);
    if (same && !options.force) return "unchanged";

    const base = repositoryPath(repository);
    const find = async () => {
      const listing = (await target.read(`${base}/commits/${content.head_sha}/check-runs`, {
        check_name: content.name,
        filter: "all",
      })) as CheckRunListing;
      return listing.check_runs?.find((run) => run.external_id === content.external_id)?.id ?? null;
    };
    const body = { ...content, status: "completed", completed_at: new Date(now).toISOString() };
    const { head_sha: _sha, ...update } = body;
    const { id, result } = await createOrUpdate(
      target,
      known?.targetId ?? (await find()),
      {
        create: { method: "POST", path: `${base}/check-runs`, body },
        update: (run) => ({ method: "PATCH", path: `${base}/check-runs/${run}`, body: update }),
      },
      (created) => created.id as number,
      find,
    );
    await rememberPublication(context, repository, key, {
      targetId: id,
      contentHash: hash,
      state: content.conclusion,
    });
    return result;
  });
}
