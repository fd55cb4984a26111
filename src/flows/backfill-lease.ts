/** How long an import stays its replica's if that replica dies; renewed while it runs. */
export const BACKFILL_LEASE_MS = 5 * 60_000;

/** The lease of one repository's import (a backfill or a catch-up): one replica at a time. */
export function backfillLeaseName(installationId: number, repositoryId: number): string {
  return `backfill:${installationId}:${repositoryId}`;
}
