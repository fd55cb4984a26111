import type { StoreChange } from "../records.js";
import { lockKey } from "./lock-key.js";

/**
 * Which repository a change writes in: its own record's, the delivery's (deletions by id), or
 * none when it writes rows of the whole installation (installations, teams, an uninstall).
 */
function repositoryOf(change: StoreChange, delivery: number | null): number | null {
  switch (change.kind) {
    case "repository":
    case "pull_request":
    case "pull_request_timeline":
    case "review_requested":
    case "review_request_removed":
    case "review":
    case "milestone":
    case "issue":
    case "issue_comment":
    case "release_stale":
      return change.record.repositoryId;
    case "repository_removed":
      return change.repositoryId;
    // An uninstall's request locks the whole installation, as its purge will.
    case "purge_requested":
      return change.record.repositoryId;
    case "milestone_deleted":
    case "issue_deleted":
    case "issue_comment_deleted":
      return delivery;
    default:
      // Teams are the organisation's, shared by its repositories.
      return null;
  }
}

/** Changes written together, and the delivery (or backfill page) they came in, if any. */
export interface ScopedChanges {
  changes: readonly StoreChange[];
  scope: { installationId: number | null; repositoryId: number | null };
}

/**
 * The statement that locks, for the rest of the transaction, what batches of changes write:
 * each repository it writes in (exclusively, with its installation shared), or its whole
 * installation (exclusively) for a change of no one repository (an installation, a team, a
 * deletion by id outside a delivery, an uninstall). Every row a change writes belongs to its
 * repository, so two transactions writing one row always wait for each other here, whether the
 * row exists yet or not; and locks are taken in one order (installations, then repositories, by
 * key), so two of them never deadlock on these, however many deliveries each holds. `scope` is
 * the delivery's (or the backfill page's) repository: locked too, and the one deletions by id
 * are in.
 */
export function lockScope(batches: readonly ScopedChanges[]): string | null {
  const installations = new Map<number, boolean>();
  const repositories = new Set<string>();
  const lockRepository = (installationId: number, repositoryId: number) => {
    installations.set(installationId, installations.get(installationId) ?? false);
    repositories.add(lockKey(`repository:${installationId}:${repositoryId}`));
  };
  for (const { changes, scope } of batches) {
    if (scope.installationId !== null && scope.repositoryId !== null)
      lockRepository(scope.installationId, scope.repositoryId);
    for (const change of changes) {
      const installationId =
        "record" in change ? change.record.installationId : change.installationId;
      const repositoryId = repositoryOf(change, scope.repositoryId);
      if (repositoryId === null) installations.set(installationId, true);
      else lockRepository(installationId, repositoryId);
    }
  }
  const locks = [
    ...[...installations]
      .sort(([a], [b]) => a - b)
      .map(([id, whole]) =>
        whole
          ? `pg_advisory_xact_lock(${lockKey(`installation:${id}`)})`
          : `pg_advisory_xact_lock_shared(${lockKey(`installation:${id}`)})`,
      ),
    ...[...repositories].sort().map((key) => `pg_advisory_xact_lock(${key})`),
  ];
  // The keys are numbers this process computed: safe to write into the statement.
  return locks.length > 0 ? `SELECT ${locks.join(", ")}` : null;
}
