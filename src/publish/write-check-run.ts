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

/** The id of the listed check run with this external id; a listing of another shape is an error. */
function listedCheckRun(listing: unknown, path: string, externalId: string): number | null {
  const runs = (listing as { check_runs?: unknown } | null)?.check_runs;
  if (!Array.isArray(runs)) throw new Error(`GitHub answered GET ${path} with no check_runs list`);
  const run = runs.find((item) => (item as { external_id?: unknown })?.external_id === externalId);
  if (run === undefined) return null;
  const id = (run as { id?: unknown }).id;
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id <= 0)
    throw new Error(`GitHub answered GET ${path} with a check run without a valid id`);
  return id;
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
      const path = `${base}/commits/${content.head_sha}/check-runs`;
      const listing = await target.read(path, { check_name: content.name, filter: "all" });
      return listedCheckRun(listing, path, content.external_id);
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
