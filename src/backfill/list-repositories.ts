import { z } from "zod";
import { expecting } from "../config/index.js";
import type { BackfillGitHub } from "./github-client.js";
import { parseReply } from "./parse-reply.js";
import { positive, text } from "./reply-fields.js";

export interface ListedRepository {
  id: number;
  owner: string;
  name: string;
  archived: boolean;
}

const repository = z.object({
  id: positive("a repository id"),
  name: text("a repository name"),
  owner: z.object({ login: text("a login") }),
  archived: z.boolean({ error: expecting("true or false") }),
});
const repositoryList = z.array(repository);
const installationRepositories = z
  .object({ repositories: repositoryList })
  .transform((data) => data.repositories);

async function pages(
  github: BackfillGitHub,
  route: string,
  parameters: Record<string, unknown>,
  schema: z.ZodType<z.output<typeof repositoryList>>,
): Promise<ListedRepository[]> {
  const out: ListedRepository[] = [];
  for (let page = 1; ; page++) {
    const { data } = await github.request(route, { ...parameters, per_page: 100, page });
    const repositories = parseReply(schema, data, `${route} (page ${page})`);
    out.push(
      ...repositories.map((r) => ({
        id: r.id,
        owner: r.owner.login,
        name: r.name,
        archived: r.archived,
      })),
    );
    if (repositories.length < 100) return out;
  }
}

/** Every repository an installation can see (with an installation's credentials). */
export function listInstallationRepositories(github: BackfillGitHub): Promise<ListedRepository[]> {
  return pages(github, "GET /installation/repositories", {}, installationRepositories);
}

/** An organisation's repositories, or a user's when `owner` is not an organisation (with a token). */
export async function listOwnerRepositories(
  github: BackfillGitHub,
  owner: string,
): Promise<ListedRepository[]> {
  try {
    return await pages(
      github,
      "GET /orgs/{org}/repos",
      { org: owner, type: "all" },
      repositoryList,
    );
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error;
    return pages(
      github,
      "GET /users/{username}/repos",
      { username: owner, type: "owner" },
      repositoryList,
    );
  }
}
