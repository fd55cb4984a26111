/**
 * Where people open GitHub in a browser: `https://github.com`, or the GitHub Enterprise Server
 * named by `GHE_HOST` (and `GHE_PROTOCOL`), the same settings Probot uses for the API.
 */
export function githubWebUrl(env: Record<string, string | undefined>): string {
  const host = env.GHE_HOST?.trim();
  if (!host) return "https://github.com";
  const protocol = env.GHE_PROTOCOL?.trim() || "https";
  return `${protocol}://${host.replace(/\/+$/, "")}`;
}
