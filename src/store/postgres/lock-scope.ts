import type { StoreChange } from "../records.js";
import { lockKey } from "./lock-key.js";

/** The repository a change writes in, when it says; installation-wide changes say none. */
function repositoryOf(change: StoreChange): number | undefined {
  switch (change.kind) {
    case "installation":
    case "installation_deleted":
    case "milestone_deleted":
    case "issue_deleted":
    case "issue_comment_deleted":
      return undefined;
    case "repository_removed":
      return change.repositoryId;
    default:
      return change.record.repositoryId;
  }
}

/**
 * The statement that locks, for the rest of the transaction, what a batch of changes writes: each repository it
 * writes in (exclusively, with its installation shared), or its whole installation (exclusively)
 * for a change that names no repository (a deletion by id, an uninstall). Every row a change
 * writes belongs to its repository, so two transactions writing one row always wait for each
 * other here, whether the row exists yet or not; and locks are taken in one order (installations
 * then repositories, by key), so two of them never deadlock on these. `scope` is the delivery's
 * (or the backfill page's) repository: locked too, and the one changes without their own are in.
 */
export function lockScope(
  changes: readonly StoreChange[],
  scope: { installationId: number | null; repositoryId: number | null },
): string | null {
  const installations = new Map<number, boolean>();
  const repositories = new Set<string>();
  const repositoryId = scope.repositoryId;
  if (scope.installationId !== null && repositoryId !== null) {
    installations.set(scope.installationId, false);
    repositories.add(lockKey(`repository:${scope.installationId}:${repositoryId}`));
  }
  for (const change of changes) {
    const installationId =
      change.kind === "installation_deleted" ||
      change.kind === "milestone_deleted" ||
      change.kind === "issue_deleted" ||
      change.kind === "issue_comment_deleted" ||
      change.kind === "repository_removed"
        ? change.installationId
        : change.record.installationId;
    const repository = repositoryOf(change) ?? repositoryId ?? undefined;
    const whole = repository === undefined || change.kind === "installation";
    installations.set(installationId, (installations.get(installationId) ?? false) || whole);
    if (!whole) repositories.add(lockKey(`repository:${installationId}:${repository}`));
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
