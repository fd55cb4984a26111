import type { Writable } from "node:stream";
import type { GitHubTarget } from "./github-target.js";

/**
 * Writes each request as one JSON line instead of sending it, and answers like GitHub would
 * (new ids and numbers) so that a dry run follows the same path as a live one. Look-ups find
 * nothing: a dry run starts from what its store knows.
 */
export function dryRunTarget(out: Writable): GitHubTarget {
  let nextId = 1;
  return {
    async send(write) {
      out.write(`${JSON.stringify(write)}\n`);
      const id = nextId++;
      return { ...write.body, id, number: id };
    },
    async read(path) {
      return path.endsWith("/check-runs") ? { total_count: 0, check_runs: [] } : [];
    },
  };
}
