import { z } from "zod";

/** The app's own connection to GitHub (its JWT), for questions about its installations. */
export interface AppGitHub {
  request(route: string, parameters?: Record<string, unknown>): Promise<{ data: unknown }>;
}

/** What GitHub says: the installation (still) reaches it, or it is gone. */
export type Reach = "present" | "gone";

const installationReply = z.object({ id: z.number().int().positive() });

/** GitHub's answer, or "gone" on a 404; anything else (5xx, rate limit, network) is thrown. */
async function ask(
  github: AppGitHub,
  route: string,
  parameters: Record<string, unknown>,
): Promise<z.output<typeof installationReply> | "gone"> {
  let data: unknown;
  try {
    ({ data } = await github.request(route, parameters));
  } catch (error) {
    if ((error as { status?: number }).status === 404) return "gone";
    throw error;
  }
  const reply = installationReply.safeParse(data);
  if (!reply.success) throw new Error(`GitHub's reply to ${route} is not an installation`);
  return reply.data;
}

/**
 * Whether the app is still installed as `installationId` (`GET /app/installations/{id}`, as the
 * app): a 404 says it was uninstalled. Throws when GitHub cannot say.
 */
export async function installationReach(github: AppGitHub, installationId: number): Promise<Reach> {
  const found = await ask(github, "GET /app/installations/{installation_id}", {
    installation_id: installationId,
  });
  return found === "gone" ? "gone" : "present";
}

/**
 * Whether the installation still reaches the repository (`GET /repos/{owner}/{repo}/installation`,
 * as the app): a 404, or another installation of the app, says it no longer does. A public
 * repository is readable by anyone, so this asks which installation it belongs to, not whether
 * it can be read. Throws when GitHub cannot say.
 */
export async function repositoryReach(
  github: AppGitHub,
  installationId: number,
  fullName: string,
): Promise<Reach> {
  const [owner = "", repo = ""] = fullName.split("/");
  const found = await ask(github, "GET /repos/{owner}/{repo}/installation", { owner, repo });
  return found !== "gone" && found.id === installationId ? "present" : "gone";
}
