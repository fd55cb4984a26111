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
