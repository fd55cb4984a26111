import {
  type BackfillGitHub,
  type BackfillProgress,
  type BackfillSummary,
  BackfillSupersededError,
  backfillRepository,
  CATCH_UP_KIND,
  type RateLimitBudget,
  RepositoryNotFoundError,
} from "../backfill/index.js";
import { holdLease, type Millis, type Store } from "../store/index.js";
import { BACKFILL_LEASE_MS, backfillLeaseName } from "./backfill-lease.js";
import { queueRepublication } from "./queue-republication.js";

/** A catch-up starts this long before the gap: GitHub's clock and ours may disagree. */
export const CATCH_UP_MARGIN_MS = 15 * 60_000;

export interface CatchUpOptions {
  store: Store;
  /** The installation's GitHub (GraphQL, and REST for milestones). */
  github: BackfillGitHub;
  budget: RateLimitBudget;
  installationId: number;
  /** Everything updated since then is imported again. */
  since: Millis;
  clock: () => Date;
  /** Who holds each repository's import lease while it runs; distinct per process. */
  owner: string;
  shouldStop?: () => boolean;
  onProgress?: (progress: BackfillProgress) => void;
}

export interface CatchUpOutcome {
  /** Every repository read to the end: the gaps it covers are closed. */
  complete: boolean;
  summaries: BackfillSummary[];
  /** Repositories another replica was importing: caught up on a later run. */
  busy: string[];
  /** Repositories GitHub no longer has (or no longer shows): nothing to catch up. */
  gone: string[];
  /** The installation's gaps this catch-up closed. */
  closed: number;
}

/**
 * Catches an installation's record up with GitHub over a gap redelivery could not close: each
 * of its repositories is imported again through the GraphQL backfill from `since`, only what
 * was updated since then (its own resumable cursor, under the repository's import lease, within
 * the rate-limit budget). Once every repository is read to the end, the installation's gaps
 * that lie within what it read are closed.
 */
export async function catchUpInstallation(options: CatchUpOptions): Promise<CatchUpOutcome> {
  const { store, installationId, clock } = options;
  const startedAt = clock().getTime();
  const outcome: CatchUpOutcome = { complete: true, summaries: [], busy: [], gone: [], closed: 0 };
  for (const repository of await store.listRepositories(installationId)) {
    if (options.shouldStop?.()) {
      outcome.complete = false;
      break;
    }
    const [owner = "", name = ""] = repository.fullName.split("/");
    try {
      const leased = await holdLease(
        store,
        backfillLeaseName(installationId, repository.repositoryId),
        { owner: options.owner, ttlMs: BACKFILL_LEASE_MS, clock: () => clock().getTime() },
        () =>
          backfillRepository({
            store,
            github: options.github,
            budget: options.budget,
            installationId,
            owner,
            name,
            repositoryId: repository.repositoryId,
            since: options.since,
            clock,
            kind: CATCH_UP_KIND,
            openItems: false,
            ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}),
            ...(options.onProgress ? { onProgress: options.onProgress } : {}),
          }),
      );
      if (!leased.held) {
        outcome.busy.push(repository.fullName);
        outcome.complete = false;
        continue;
      }
      outcome.summaries.push(leased.result);
      if (!leased.result.complete || leased.result.incomplete.length > 0) outcome.complete = false;
    } catch (error) {
      if (error instanceof RepositoryNotFoundError) outcome.gone.push(repository.fullName);
      else if (error instanceof BackfillSupersededError) outcome.complete = false;
      else throw error;
    }
  }
  if (!outcome.complete) return outcome;
  const covered = (await store.listRecordGaps(installationId)).filter(
    (gap) => gap.startsAt >= options.since && gap.endsAt <= startedAt,
  );
  await store.closeRecordGaps(covered);
  if (covered.length > 0) await queueRepublication(store, [installationId], clock().getTime());
  outcome.closed = covered.length;
  return outcome;
}
