import type { BackfillGitHub } from "./github-client.js";

export interface ListedRepository {
  id: number;
  owner: string;
  name: string;
  archived: boolean;
}

interface RepositoryPayload {
  id: number;
  name: string;
  owner: { login: string };
  archived?: boolean;
}

async function pages(
  github: BackfillGitHub,
  route: string,
  parameters: Record<string, unknown>,
  pick: (data: unknown) => RepositoryPayload[],
): Promise<ListedRepository[]> {
  const out: ListedRepository[] = [];
  for (let page = 1; ; page++) {
    const { data } = await github.request(route, { ...parameters, per_page: 100, page });
    const repositories = pick(data);
    out.push(
      ...repositories.map((r) => ({
        id: r.id,
        owner: r.owner.login,
        name: r.name,
        archived: r.archived ?? false,
      })),
    );
    if (repositories.length < 100) return out;
  }
}

/** Every repository an installation can see (with an installation's credentials). */
export function listInstallationRepositories(github: BackfillGitHub): Promise<ListedRepository[]> {
  return pages(
    github,
    "GET /installation/repositories",
    {},
    (data) => (data as { repositories?: RepositoryPayload[] }).repositories ?? [],
  );
}

/** An organisation's repositories, or a user's when `owner` is not an organisation (with a token). */
export async function listOwnerRepositories(
  github: BackfillGitHub,
  owner: string,
): Promise<ListedRepository[]> {
  const list = (data: unknown) => (Array.isArray(data) ? (data as RepositoryPayload[]) : []);
  try {
    return await pages(github, "GET /orgs/{org}/repos", { org: owner, type: "all" }, list);
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error;
    return pages(github, "GET /users/{username}/repos", { username: owner, type: "owner" }, list);
  }
}
