import type { RepositoryRef } from "../github/index.js";
import type { Publication } from "../store/index.js";
import type { PublishContext } from "./publish-context.js";

/**
 * Records what was published under `key` in `repository` (its id on GitHub, content hash and
 * state) as of now.
 */
export async function rememberPublication(
  context: PublishContext,
  repository: RepositoryRef,
  key: string,
  published: Pick<Publication, "targetId" | "contentHash" | "state">,
): Promise<void> {
  await context.store.putPublication({
    installationId: context.installationId,
    key,
    repositoryId: repository.repositoryId ?? null,
    ...published,
    updatedAt: context.now,
  });
}
