import type { GitHubTarget, GitHubWrite } from "../github/index.js";

const ATTEMPTS = 3;

/** A 5xx, or no answer at all: the request may or may not have been carried out. */
function isUncertain(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status !== "number" || status >= 500;
}

/**
 * Sends a create without Octokit's blind retries: after a failure that may have created the
 * thing anyway (a 502 after GitHub stored it), it looks for it first and only creates again
 * when it is not there. Returns the created or found id.
 */
async function createOnce(
  target: GitHubTarget,
  write: GitHubWrite,
  created: (response: Record<string, unknown>) => number,
  findExisting: () => Promise<number | null>,
): Promise<{ id: number; found: boolean }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { id: created(await target.send(write, { retries: 0 })), found: false };
    } catch (error) {
      if (attempt >= ATTEMPTS || !isUncertain(error)) throw error;
      const existing = await findExisting();
      if (existing !== null) return { id: existing, found: true };
    }
  }
}

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
