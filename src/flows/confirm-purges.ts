import type { Logger } from "pino";
import {
  type AppGitHub,
  describeError,
  installationReach,
  repositoryReach,
} from "../github/index.js";
import type { Millis, PendingPurge, PendingPurges } from "../store/index.js";
import { retryDelay } from "./publish-queue-workers.js";

export interface ConfirmPurgesOptions {
  store: PendingPurges;
  /** The app's own connection (its JWT): the installation itself may be gone. */
  github: () => Promise<AppGitHub>;
  log: Logger;
  now: Millis;
  /** Only this installation's (just after its delivery); all that are due otherwise. */
  installationId?: number;
  /** At most this many in one run (default 100); the rest wait for the next. */
  limit?: number;
}

function describePurge(purge: PendingPurge): string {
  return purge.fullName === null
    ? `installation ${purge.installationId}`
    : `${purge.fullName} (installation ${purge.installationId})`;
}

/**
 * Asks GitHub about each removal that is due: one GitHub confirms (the installation is gone, or
 * no longer reaches the repository) is purged; one GitHub refutes is dropped with one warning,
 * nothing deleted; one GitHub cannot answer (down, 5xx, rate limit) is asked again after a
 * back-off (10 s, doubling to 5 minutes), never skipped and never done blindly.
 */
export async function confirmPurges(options: ConfirmPurgesOptions): Promise<void> {
  const { store, log, now } = options;
  const due = await store.listDuePurges(now, options.limit ?? 100, options.installationId);
  for (const purge of due) {
    const fields = {
      installationId: purge.installationId,
      repositoryId: purge.repositoryId,
      delivery: purge.deliveryId,
    };
    try {
      const github = await options.github();
      const reach =
        purge.fullName === null
          ? await installationReach(github, purge.installationId)
          : await repositoryReach(github, purge.installationId, purge.fullName);
      if (reach === "gone") {
        if (await store.confirmPurge(purge))
          log.info(fields, `${describePurge(purge)} removed: GitHub confirms the app lost it`);
      } else {
        await store.dropPurge(purge);
        log.warn(
          fields,
          `removal of ${describePurge(purge)} not done: GitHub says the app still has it (the delivery was an old or re-sent one); nothing deleted`,
        );
      }
    } catch (error) {
      const retryAt = now + retryDelay(purge.attempts);
      const reason = describeError(error);
      await store.postponePurge(purge, retryAt, reason);
      log.warn(
        { ...fields, attempts: purge.attempts + 1, retryAt: new Date(retryAt).toISOString() },
        `removal of ${describePurge(purge)} waits: GitHub could not confirm it (${reason}); asked again later`,
      );
    }
  }
}
