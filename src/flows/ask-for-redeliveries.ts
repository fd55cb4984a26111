import type { Logger } from "pino";
import { GitHubBusyError, type HookDeliveries, type MissedEvent } from "../recovery/index.js";
import type { Millis, RecordGap, RedeliveryRequest, Store } from "../store/index.js";
import type { Telemetry } from "../telemetry/index.js";
import { gapAround } from "./catch-up-gaps.js";

export interface AskForRedeliveriesOptions {
  store: Store;
  deliveries: HookDeliveries;
  clock: () => Date;
  telemetry: Telemetry;
  log?: Logger;
  now: Millis;
  /** No request is made from then on: the rest are due again on the next run. */
  deadline: Millis;
  /** Requests sent at the same time. */
  concurrency: number;
}

/** What came of asking GitHub to send missed events again. */
export interface RedeliveryAsking {
  asked: number;
  refused: number;
  /** GitHub did not answer (or answered 5xx): asked again later. */
  failed: number;
  /** Not asked after all (GitHub asked to wait too long, the time was up): as they were before. */
  unasked: MissedEvent[];
  /** Gaps the refused events leave to a catch-up. */
  gaps: RecordGap[];
}

/** The request row for an event asked for now (recorded before GitHub is asked). */
function askedRow(event: MissedEvent, now: Millis): RedeliveryRequest {
  const { attempt } = event;
  return {
    guid: event.guid,
    installationId: attempt.installationId,
    repositoryId: attempt.repositoryId,
    event: attempt.event,
    githubDeliveryId: attempt.id,
    deliveredAt: event.deliveredAt,
    askedAt: now,
    asks: (event.request?.asks ?? 0) + 1,
    state: "asked",
    settledAt: null,
  };
}

/**
 * Asks GitHub to send these events again, a few at a time. The requests are recorded before
 * any is made, so that no replica asks for the same event again before it could have arrived;
 * those not made after all (GitHub asked to wait too long, the run's time was up) are put back
 * as they were, due again on the next run. A refused event is left to a catch-up.
 */
export async function askForRedeliveries(
  options: AskForRedeliveriesOptions,
  events: readonly MissedEvent[],
): Promise<RedeliveryAsking> {
  const { store, deliveries, clock, log, now, deadline } = options;
  const asking: RedeliveryAsking = { asked: 0, refused: 0, failed: 0, unasked: [], gaps: [] };
  const rows = new Map(events.map((event) => [event.guid, askedRow(event, now)]));
  await store.putRedeliveryRequests([...rows.values()]);
  const queue = [...events];
  let busy: GitHubBusyError | null = null;
  const worker = async () => {
    for (let event = queue.shift(); event; event = queue.shift()) {
      if (busy || clock().getTime() >= deadline) {
        asking.unasked.push(event);
        continue;
      }
      const row = rows.get(event.guid) as RedeliveryRequest;
      let answer: Awaited<ReturnType<HookDeliveries["redeliver"]>>;
      try {
        answer = await deliveries.redeliver(event.attempt.id);
      } catch (error) {
        if (!(error instanceof GitHubBusyError)) throw error;
        busy = error;
        asking.unasked.push(event);
        continue;
      }
      if (answer.outcome === "accepted") asking.asked += 1;
      else if (answer.outcome === "failed") asking.failed += 1;
      else {
        asking.refused += 1;
        await store.putRedeliveryRequests([{ ...row, state: "refused", settledAt: now }]);
        log?.warn(
          { guid: event.guid, event: event.attempt.event, status: answer.status },
          `GitHub refused to redeliver ${event.guid} (${answer.status}${answer.message ? `: ${answer.message}` : ""}): a catch-up recovers its installation's activity instead`,
        );
        asking.gaps.push(...gapAround(event, "redelivery_refused", now));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  // Not asked after all: as they were before this run.
  await store.putRedeliveryRequests(
    asking.unasked.map((event) => {
      const row = rows.get(event.guid) as RedeliveryRequest;
      return event.request ?? { ...row, asks: 0, askedAt: 0 };
    }),
  );
  if (busy) log?.warn({}, (busy as GitHubBusyError).message);
  options.telemetry.redeliveries("asked", asking.asked);
  options.telemetry.redeliveries("refused", asking.refused);
  return asking;
}
