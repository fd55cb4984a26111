import type { Publication } from "../store/index.js";
import type { PublishContext } from "./publish-context.js";

/** Records what was published under `key` (its id on GitHub, content hash and state) as of now. */
export async function rememberPublication(
  context: PublishContext,
  key: string,
  published: Pick<Publication, "targetId" | "contentHash" | "state">,
): Promise<void> {
  await context.store.putPublication({
    installationId: context.installationId,
    key,
    ...published,
    updatedAt: context.now,
  });
}
