import { CODEOWNERS_PATHS, readCodeOwners } from "../backfill/index.js";
import type { Store } from "../store/index.js";
import type { Reaction } from "./reaction.js";

interface PushPayload {
  ref?: string;
  installation?: { id?: number };
  repository?: { id?: number; full_name?: string; default_branch?: string };
  commits?: { added?: string[]; modified?: string[]; removed?: string[] }[];
}

/**
 * Reads a repository's CODEOWNERS again when a push to its default branch touches it (the push
 * lists each commit's changed files), and keeps which teams own `*`: reports read that, never
 * the file. Any other push costs nothing. A failure is logged; the next change reads it again.
 */
export function codeOwnersReaction(store: Pick<Store, "applyChanges">): Reaction {
  return async ({ context, now }) => {
    if (context.name !== "push") return;
    const payload = context.payload as PushPayload;
    const { repository } = payload;
    const installationId = payload.installation?.id;
    if (!repository?.id || !repository.full_name || installationId === undefined) return;
    if (payload.ref !== `refs/heads/${repository.default_branch}`) return;
    const touched = (payload.commits ?? []).some((commit) =>
      [...(commit.added ?? []), ...(commit.modified ?? []), ...(commit.removed ?? [])].some(
        (file) => (CODEOWNERS_PATHS as readonly string[]).includes(file),
      ),
    );
    if (!touched) return;
    const [owner = "", repo = ""] = repository.full_name.split("/");
    try {
      const { teams } = await readCodeOwners(
        context.octokit as unknown as Parameters<typeof readCodeOwners>[0],
        owner,
        repo,
      );
      await store.applyChanges([
        {
          kind: "repository_owners",
          installationId,
          repositoryId: repository.id,
          teams,
          at: now.getTime(),
        },
      ]);
    } catch (error) {
      context.log.error(
        { err: error, repository: repository.full_name },
        "CODEOWNERS was not read; the next change to it reads it again",
      );
    }
  };
}
