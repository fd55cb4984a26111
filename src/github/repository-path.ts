/** A repository as GitHub's REST paths name it. */
export interface RepositoryRef {
  owner: string;
  repo: string;
  /** The store's id of it, when the app records it: its publications are removed with it. */
  repositoryId?: number;
}

/** `/repos/owner/name`, each part encoded: the prefix of every repository route. */
export function repositoryPath({ owner, repo }: RepositoryRef): string {
  return `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
}
