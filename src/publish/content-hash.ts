import { createHash } from "node:crypto";
import type { RepositoryRef } from "../github/index.js";
import { canonicalJson, type Publication } from "../store/index.js";
import type { PublishContext } from "./publish-context.js";
import { rememberPublication } from "./remember-publication.js";

/**
 * A stable hash of a value, whatever the order of its keys (the store's canonical JSON): same
 * content, same hash.
 */
export function contentHash(content: unknown): string {
  return createHash("sha256").update(canonicalJson(content)).digest("hex");
}

/**
 * Whether `known` was published with this content, and the content's hash. A publication
 * remembered before hashes were canonical holds the hash of its JSON as written: it matches too,
 * and is remembered again under the canonical hash, so an upgrade sends GitHub nothing.
 */
export async function knownContent(
  context: PublishContext,
  repository: RepositoryRef,
  key: string,
  known: Publication | undefined,
  content: unknown,
): Promise<{ hash: string; same: boolean }> {
  const hash = contentHash(content);
  if (!known || known.contentHash === hash) return { hash, same: known !== undefined };
  const written = createHash("sha256").update(JSON.stringify(content)).digest("hex");
  if (known.contentHash !== written) return { hash, same: false };
  await rememberPublication(context, repository, key, {
    targetId: known.targetId,
    contentHash: hash,
    state: known.state,
  });
  return { hash, same: true };
}
