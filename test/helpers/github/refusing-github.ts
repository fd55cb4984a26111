import { FakeGitHub } from "./fake-github.js";
import { type GitHubServer, startGitHubServer } from "./github-server.js";

/**
 * A GitHub (Enterprise Server, at `host`) that refuses every credential at once with 401: a
 * command run against it shows it got as far as GitHub, without Octokit's retries.
 */
export function refusingGitHub(): Promise<GitHubServer> {
  const github = new FakeGitHub();
  for (const method of ["GET", "POST", "PATCH", "PUT", "DELETE"])
    github.route(method, /^\//, () => ({ status: 401, body: { message: "Bad credentials" } }));
  return startGitHubServer(github);
}
