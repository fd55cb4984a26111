import type { Writable } from "node:stream";

/** One write the app makes to GitHub, as sent: `POST /repos/o/r/check-runs` and its body. */
export interface GitHubWrite {
  method: "POST" | "PATCH" | "PUT" | "DELETE";
  path: string;
  body: Record<string, unknown>;
}

/** Where writes go: GitHub through an installation's Octokit, or the dry-run sink. */
export interface WriteTarget {
  send(write: GitHubWrite): Promise<Record<string, unknown>>;
}

interface RequestingOctokit {
  request(route: string, parameters?: Record<string, unknown>): Promise<{ data: unknown }>;
}

export function octokitTarget(octokit: RequestingOctokit): WriteTarget {
  return {
    async send(write) {
      const response = await octokit.request(`${write.method} ${write.path}`, write.body);
      return response.data as Record<string, unknown>;
    },
  };
}

/**
 * Writes each request as one JSON line instead of sending it, and answers like GitHub would
 * (new ids and numbers) so that a dry run follows the same path as a live one.
 */
export function dryRunTarget(out: Writable): WriteTarget {
  let nextId = 1;
  return {
    async send(write) {
      out.write(`${JSON.stringify(write)}\n`);
      const id = nextId++;
      return { id, number: id, ...write.body };
    },
  };
}
