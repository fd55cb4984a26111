import type { Millis, RepositoryRecord, Store } from "../store/index.js";
import { setBounded } from "./bounded-map.js";
import type { Session } from "./session-store.js";
import type { UserGitHub } from "./user-github.js";

/** How long GitHub's list of a person's repositories is trusted before it is asked again. */
const REPOSITORY_LIST_MS = 5 * 60_000;

interface Listed {
  keys: ReadonlySet<string>;
  fetchedAt: Millis;
}

const keyOf = (installationId: number, repositoryId: number) => `${installationId}:${repositoryId}`;

/**
 * The repositories a signed-in person may see: those GitHub lists for them (with their own
 * token) in installations the store knows, asked again after `ttlMs`, so access removed on
 * GitHub is gone from every page by then. Nothing else is ever shown to them.
 */
export class RepositoryAccess {
  private readonly lists = new Map<number, Listed>();
  private readonly asking = new Map<number, Promise<Listed>>();

  constructor(
    private readonly store: Store,
    private readonly github: UserGitHub,
    private readonly ttlMs = REPOSITORY_LIST_MS,
    private readonly max = 10_000,
  ) {}

  async visible(session: Session, now: Millis): Promise<RepositoryRecord[]> {
    const cached = this.lists.get(session.userId);
    const listed =
      cached && now - cached.fetchedAt < this.ttlMs ? cached : await this.ask(session, now);
    const installations = new Set([...listed.keys].map((key) => Number(key.split(":")[0])));
    const visible: RepositoryRecord[] = [];
    for (const installationId of [...installations].sort((a, b) => a - b)) {
      for (const repository of await this.store.listRepositories(installationId))
        if (listed.keys.has(keyOf(installationId, repository.repositoryId)))
          visible.push(repository);
    }
    return visible;
  }

  forget(userId: number): void {
    this.lists.delete(userId);
  }

  /** One question to GitHub per person at a time, however many pages they open at once. */
  private ask(session: Session, now: Millis): Promise<Listed> {
    let asking = this.asking.get(session.userId);
    if (!asking) {
      asking = (async () => {
        const known = new Set(await this.store.listInstallationIds());
        const repositories = await this.github.repositories(session.token, known);
        const listed = {
          keys: new Set(repositories.map((r) => keyOf(r.installationId, r.repositoryId))),
          fetchedAt: now,
        };
        setBounded(this.lists, session.userId, listed, this.max);
        return listed;
      })().finally(() => this.asking.delete(session.userId));
      this.asking.set(session.userId, asking);
    }
    return asking;
  }
}
