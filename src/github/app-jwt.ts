/**
 * A current JWT of the App itself (for the `/app/...` endpoints), from Probot's app-level
 * Octokit (`probot.auth()` without an installation).
 */
export async function appJwt(app: { auth(): Promise<unknown> }): Promise<string> {
  const octokit = (await app.auth()) as {
    auth(options: { type: "app" }): Promise<{ token: string }>;
  };
  return (await octokit.auth({ type: "app" })).token;
}
