import type { InstallationRecord } from "../store/index.js";
import type { BackfillGitHub } from "./github-client.js";

/** The app is not installed where the command points. */
class NotInstalledError extends Error {
  override readonly name = "NotInstalledError";
}

interface InstallationPayload {
  id: number;
  account: { login: string; type?: string } | null;
  suspended_at?: string | null;
  updated_at?: string;
}

async function tryGet(app: BackfillGitHub, route: string, parameters: Record<string, unknown>) {
  try {
    return (await app.request(route, parameters)).data as InstallationPayload;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}

/**
 * The app's installation on a repository (`owner/name`) or on an account (`owner`), looked up
 * with the app's own credentials (a JWT), as the record the store keeps of it.
 */
export async function findInstallation(
  app: BackfillGitHub,
  target: { owner: string; name?: string },
): Promise<InstallationRecord> {
  const { owner, name } = target;
  const found = name
    ? await tryGet(app, "GET /repos/{owner}/{repo}/installation", { owner, repo: name })
    : ((await tryGet(app, "GET /orgs/{org}/installation", { org: owner })) ??
      (await tryGet(app, "GET /users/{username}/installation", { username: owner })));
  if (!found)
    throw new NotInstalledError(
      `the app is not installed on ${name ? `${owner}/${name}` : owner}: install it there, or use a GITHUB_TOKEN`,
    );
  return {
    installationId: found.id,
    accountLogin: found.account?.login ?? owner,
    accountType: found.account?.type ?? "Organization",
    suspended: Boolean(found.suspended_at),
    updatedAt: found.updated_at ? Date.parse(found.updated_at) : 0,
  };
}
