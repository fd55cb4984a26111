import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A GitHub (Enterprise Server, at `host`) that refuses every credential at once with 401: a
 * command run against it shows it got as far as GitHub, without Octokit's retries.
 */
export async function refusingGitHub(): Promise<{ host: string; stop: () => Promise<void> }> {
  const server = createServer((_request, response) => {
    response.writeHead(401, { "content-type": "application/json" });
    response.end(JSON.stringify({ message: "Bad credentials" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
