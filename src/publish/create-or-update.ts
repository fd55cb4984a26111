import type { GitHubTarget, GitHubWrite } from "../github/index.js";
import { createOnce } from "./create-once.js";

/**
 * Updates a published thing whose id is known, else creates it once (see createOnce). A create
 * that failed after GitHub stored it is found and updated too: what is there is what we meant.
 */
export async function createOrUpdate(
  target: GitHubTarget,
  id: number | null,
  writes: { create: GitHubWrite; update: (id: number) => GitHubWrite },
  created: (response: Record<string, unknown>) => number,
  findExisting: () => Promise<number | null>,
): Promise<{ id: number; result: "created" | "updated" }> {
  if (id !== null) {
    await target.send(writes.update(id));
    return { id, result: "updated" };
  }
  const outcome = await createOnce(target, writes.create, created, findExisting);
  if (outcome.found) await target.send(writes.update(outcome.id));
  return { id: outcome.id, result: "created" };
}
