import { z } from "zod";
import type { InstallationRecord } from "../store/index.js";
import type { BackfillGitHub } from "./github-client.js";
import { parseReply } from "./parse-reply.js";
import { positive, text, time } from "./reply-fields.js";

/** The app is not installed where the command points. */
class NotInstalledError extends Error {
  override readonly name = "NotInstalledError";
}

const installation = z.object({
  id: positive("an installation id"),
  account: z.object({ login: text("a login"), type: text("an account type") }),
  suspended_at: time.nullable(),
  updated_at: time,
});

async function tryGet(app: BackfillGitHub, route: string, parameters: Record<string, unknown>) {
  try {
    return parseReply(installation, (await app.request(route, parameters)).data, route);
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
    accountLogin: found.account.login,
    accountType: found.account.type,
    suspended: Boolean(found.suspended_at),
    updatedAt: Date.parse(found.updated_at),
  };
}
