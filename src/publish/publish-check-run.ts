import { contentHash } from "./content-hash.js";
import {
  type PublishContext,
  type PublishResult,
  type RepositoryRef,
  repositoryPath,
} from "./publish-context.js";

export interface CheckRunContent {
  name: string;
  head_sha: string;
  external_id: string;
  conclusion: "success" | "neutral" | "failure" | "action_required";
  output: { title: string; summary: string; text?: string };
  details_url?: string;
}

interface CheckRunListing {
  check_runs?: { id: number; external_id?: string | null }[];
}

/**
 * Creates or updates the check run for this head SHA. Found again by `external_id`: first in
 * the store, then (once, if the store lost it) among the SHA's check runs of that name. Same
 * content as last time: no request at all.
 */
export async function publishCheckRun(
  context: PublishContext,
  repository: RepositoryRef,
  content: CheckRunContent,
): Promise<PublishResult> {
  const { store, target, installationId, now } = context;
  const key = `check:${content.external_id}:${content.head_sha}`;
  const hash = contentHash(content);
  const known = await store.getPublication(installationId, key);
  if (known?.contentHash === hash) return "unchanged";

  const base = repositoryPath(repository);
  let id = known?.targetId ?? null;
  if (id === null) {
    const listing = (await target.read(`${base}/commits/${content.head_sha}/check-runs`, {
      check_name: content.name,
      filter: "all",
    })) as CheckRunListing;
    id = listing.check_runs?.find((run) => run.external_id === content.external_id)?.id ?? null;
  }
  const body = { ...content, status: "completed", completed_at: new Date(now).toISOString() };
  let result: PublishResult;
  if (id === null) {
    const created = await target.send({ method: "POST", path: `${base}/check-runs`, body });
    id = created.id as number;
    result = "created";
  } else {
    const { head_sha: _sha, ...update } = body;
    await target.send({ method: "PATCH", path: `${base}/check-runs/${id}`, body: update });
    result = "updated";
  }
  await store.putPublication({
    installationId,
    key,
    targetId: id,
    contentHash: hash,
    state: content.conclusion,
    updatedAt: now,
  });
  return result;
}
