import type { GitHubTarget } from "../github/index.js";

/** GitHub's largest page. */
const PAGE_SIZE = 100;
/** How many pages a look-up reads at most: the newest 1,000 issues of a label, or comments. */
const MARKER_PAGES = 10;

/**
 * The first item of a GitHub list (issues, an issue's comments) whose body holds `marker`,
 * read page by page until it is found, a page is not full, or MARKER_PAGES were read. Each page
 * is checked at the edge: a reply that is not a list of items with a whole `number`/`id` is an
 * error, never "not found" (which would make a second issue).
 */
export async function findByMarker(
  target: GitHubTarget,
  path: string,
  query: Record<string, string | number>,
  marker: string,
  idField: "number" | "id",
): Promise<number | null> {
  for (let page = 1; page <= MARKER_PAGES; page++) {
    const reply = await target.read(path, { ...query, per_page: PAGE_SIZE, page });
    if (!Array.isArray(reply)) throw new Error(`GitHub answered GET ${path} with no list`);
    for (const item of reply) {
      const id = (item as Record<string, unknown> | null)?.[idField];
      if (typeof id !== "number" || !Number.isSafeInteger(id) || id <= 0)
        throw new Error(`GitHub answered GET ${path} with an item without a valid ${idField}`);
      const body = (item as { body?: unknown }).body;
      if (typeof body === "string" && body.includes(marker)) return id;
    }
    if (reply.length < PAGE_SIZE) return null;
  }
  return null;
}
