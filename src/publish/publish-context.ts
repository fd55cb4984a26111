import type { Millis, Store } from "../store/index.js";
import type { GitHubTarget } from "./github-write.js";

/** Everything a writer needs: where to send, where to remember what was sent, and when. */
export interface PublishContext {
  store: Store;
  target: GitHubTarget;
  installationId: number;
  now: Millis;
}

export interface RepositoryRef {
  owner: string;
  repo: string;
  /** The store's id of it, when the app records it: its publications are removed with it. */
  repositoryId?: number;
}

export type PublishResult = "created" | "updated" | "unchanged" | "closed";

export function repositoryPath({ owner, repo }: RepositoryRef): string {
  return `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
}
