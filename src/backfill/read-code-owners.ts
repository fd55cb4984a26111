import { z } from "zod";
import { withoutNul } from "../ingest/index.js";
import type { BackfillGitHub } from "./github-client.js";
import { parseReply } from "./parse-reply.js";

/** Where GitHub looks for CODEOWNERS, in its order: the first one found is the one it uses. */
export const CODEOWNERS_PATHS = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"] as const;

const fileReply = z.object({ content: z.string(), encoding: z.literal("base64") });

/** The `@org/team` owners of the last `*` rule (the last matching rule wins), lower case. */
function rootTeams(text: string): string[] {
  let owners: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    const [pattern, ...rest] = line.split(/\s+/);
    if (pattern === "*") owners = rest;
  }
  return owners
    .filter((owner) => /^@[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9_.-]+$/.test(owner))
    .map((owner) => owner.slice(1).toLowerCase());
}

/**
 * The teams a repository's CODEOWNERS makes owners of all of it (`*`), from the first of
 * GitHub's places that has the file (at most three requests; no file: no teams). The reply is
 * checked before it is used.
 */
export async function readCodeOwners(
  github: Pick<BackfillGitHub, "request">,
  owner: string,
  repo: string,
): Promise<{ teams: string[]; requests: number }> {
  let requests = 0;
  for (const path of CODEOWNERS_PATHS) {
    requests += 1;
    let data: unknown;
    try {
      ({ data } = await github.request("GET /repos/{owner}/{repo}/contents/{path}", {
        owner,
        repo,
        path,
      }));
    } catch (error) {
      if ((error as { status?: number }).status === 404) continue;
      throw error;
    }
    const file = parseReply(fileReply, data, `GET /repos/${owner}/${repo}/contents/${path}`);
    const text = Buffer.from(file.content, "base64").toString("utf8");
    return { teams: withoutNul(rootTeams(text)), requests };
  }
  return { teams: [], requests };
}
