import type { Writable } from "node:stream";

/** One write the app makes to GitHub, as sent: `POST /repos/o/r/check-runs` and its body. */
export interface GitHubWrite {
  method: "POST" | "PATCH" | "PUT" | "DELETE";
  path: string;
  body: Record<string, unknown>;
}

export interface SendOptions {
  /**
   * How often Octokit may retry the request on a 5xx; 0 for creates, which the caller retries
   * itself after looking for what a failed attempt may have created.
   */
  retries?: number;
}

/**
 * Where publishing talks to: GitHub through an installation's Octokit, or the dry-run sink.
 * Reads are only the look-ups that find a published thing again after its record was lost.
 */
export interface GitHubTarget {
  send(write: GitHubWrite, options?: SendOptions): Promise<Record<string, unknown>>;
  read(path: string, query?: Record<string, string | number>): Promise<unknown>;
}

interface RequestingOctokit {
  request(route: string, parameters?: Record<string, unknown>): Promise<{ data: unknown }>;
}

export function octokitTarget(octokit: RequestingOctokit): GitHubTarget {
  return {
    async send(write, options = {}) {
      const parameters =
        options.retries === undefined
          ? write.body
          : { ...write.body, request: { retries: options.retries } };
      const response = await octokit.request(`${write.method} ${write.path}`, parameters);
      return response.data as Record<string, unknown>;
    },
    async read(path, query = {}) {
      return (await octokit.request(`GET ${path}`, query)).data;
    },
  };
}

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
