import { githubWebUrl } from "./github-web-url.js";

/**
 * The REST base URL: GitHub Enterprise Server from `GHE_HOST` (and `GHE_PROTOCOL`), as Probot
 * reads them, else `GITHUB_API_URL` (set in GitHub Actions, GHES included), else github.com.
 * GraphQL goes to the matching `/api/graphql` (Octokit derives it).
 */
export function apiBaseUrl(env: Record<string, string | undefined>): string {
  if (env.GHE_HOST?.trim()) return `${githubWebUrl(env)}/api/v3`;
  return env.GITHUB_API_URL?.trim().replace(/\/+$/, "") || "https://api.github.com";
}
