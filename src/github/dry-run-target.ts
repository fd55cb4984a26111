import type { Writable } from "node:stream";
import type { GitHubTarget } from "./github-target.js";

/**
 * Writes each request as one JSON line instead of sending it, and answers like GitHub would
 * (an id and a number) so that a dry run follows the same path as a live one. Look-ups find
 * nothing: a dry run starts from what its store knows. What it "creates" does not exist, so its
 * ids are negative, never a number GitHub could have given; a later write to it names it by
 * what created it (`/issues/{new issue 1}/comments`), never by a made-up number.
 */
export function dryRunTarget(out: Writable): GitHubTarget {
  let created = 0;
  const invented = new Map<number, string>();
  return {
    async send(write) {
      const path = write.path.replace(/\/(-\d+)(?=\/|$)/g, (segment, id: string) => {
        const name = invented.get(Number(id));
        return name ? `/{${name}}` : segment;
      });
      out.write(`${JSON.stringify({ ...write, path })}\n`);
      const id = -++created;
      const kind = /\/([a-z-]+)$/.exec(write.path)?.[1]?.replace(/s$/, "") ?? "thing";
      if (write.method === "POST") invented.set(id, `new ${kind.replace("-", " ")} ${created}`);
      return { ...write.body, id, number: id };
    },
    async read(path) {
      return path.endsWith("/check-runs") ? { total_count: 0, check_runs: [] } : [];
    },
  };
}
