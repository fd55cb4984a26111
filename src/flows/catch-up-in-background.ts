import type { Logger } from "pino";
import type { BackfillGitHub } from "../backfill/index.js";
import { describeError } from "../github/index.js";
import type { Store } from "../store/index.js";
import { CATCH_UP_MARGIN_MS, catchUpInstallation } from "./catch-up-installation.js";
import { installationBudgets } from "./installation-budgets.js";

export interface CatchUpInBackgroundOptions {
  store: Store;
  connect: (installationId: number) => Promise<BackfillGitHub>;
  /** Who holds the import leases; distinct per process. */
  owner: string;
  log: Logger;
  clock?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

export interface CatchUps {
  /** Catches up the installation's gaps left to a catch-up, unless that runs here already. */
  start(installationId: number): void;
  /** Resolves once no catch-up runs. */
  idle(): Promise<void>;
  /** Shutting down: catch-ups stop after the page in flight (they resume on the next run). */
  stop(): Promise<void>;
}

/**
 * Catch-ups in the server's background, one installation at a time each: a running or failed
 * catch-up keeps its gaps open; a failed one is tried again when the next redelivery run asks.
 */
export function catchUpInBackground(options: CatchUpInBackgroundOptions): CatchUps {
  const { store, log } = options;
  const clock = options.clock ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const running = new Map<number, Promise<void>>();
  const budgetOf = installationBudgets({ clock, sleep, what: "catch-up" });
  let stopped = false;

  async function catchUp(installationId: number): Promise<void> {
    const gaps = (await store.listRecordGaps(installationId)).filter(
      (gap) => gap.state !== "redelivery",
    );
    if (gaps.length === 0) return;
    const since = Math.min(...gaps.map((gap) => gap.startsAt)) - CATCH_UP_MARGIN_MS;
    try {
      const outcome = await catchUpInstallation({
        store,
        github: await options.connect(installationId),
        budget: budgetOf(installationId, log),
        installationId,
        since,
        clock,
        owner: options.owner,
        shouldStop: () => stopped,
      });
      const details = {
        installation: installationId,
        since: new Date(since).toISOString(),
        repositories: outcome.summaries.length,
        closed: outcome.closed,
        busy: outcome.busy,
      };
      if (outcome.complete) log.info(details, "record caught up with GitHub by backfill");
      else log.info(details, "catch-up not finished; it goes on with the next redelivery run");
    } catch (error) {
      const message = describeError(error);
      log.error({ installation: installationId, err: error }, "catch-up failed; tried again later");
      const current = await store.listRecordGaps(installationId);
      const failed = current.filter((gap) => gaps.some((g) => g.startsAt === gap.startsAt));
      await store.updateRecordGaps(
        failed.map((gap) => ({
          ...gap,
          state: "failed" as const,
          lastError: message.slice(0, 500),
        })),
      );
    }
  }

  // Until every catch-up running has ended (one may start another as it ends).
  const idle = async () => {
    while (running.size > 0) await Promise.all(running.values());
  };
  return {
    start(installationId) {
      if (stopped || running.has(installationId)) return;
      const work = catchUp(installationId)
        .catch((error: unknown) =>
          log.error({ installation: installationId, err: error }, "catch-up could not start"),
        )
        .finally(() => running.delete(installationId));
      running.set(installationId, work);
    },
    idle,
    async stop() {
      stopped = true;
      await idle();
    },
  };
}
