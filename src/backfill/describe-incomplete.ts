import type { IncompleteItem } from "./backfill-position.js";

/** "pull request #12 (the rest of its timeline: …), issue #4 (…)", for the person who reruns it. */
export function describeIncomplete(items: readonly IncompleteItem[]): string {
  return items
    .map(
      (item) =>
        `${item.kind === "issue" ? "issue" : "pull request"} #${item.number} (${item.reason})`,
    )
    .join(", ");
}
