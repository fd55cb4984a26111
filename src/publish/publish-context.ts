import type { GitHubTarget } from "../github/index.js";
import type { Millis, Store } from "../store/index.js";

/** Everything a writer needs: where to send, where to remember what was sent, and when. */
export interface PublishContext {
  store: Store;
  target: GitHubTarget;
  installationId: number;
  now: Millis;
}

export type PublishResult = "created" | "updated" | "unchanged" | "closed";
