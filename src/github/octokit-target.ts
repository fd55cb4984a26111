import type { GitHubTarget } from "./github-target.js";

interface RequestingOctokit {
  request(route: string, parameters?: Record<string, unknown>): Promise<{ data: unknown }>;
}

/** Sends publishing's writes and look-ups through an Octokit (an installation's, or a token's). */
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
