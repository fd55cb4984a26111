import type { Logger } from "pino";
import {
  CLOCK_SLACK_MS,
  DELIVERY_RETENTION_MS,
  DeliveriesUnavailableError,
  type DeliveryListReading,
  GitHubBusyError,
  type HookDeliveries,
  type MissedEvent,
  planRedeliveries,
  readDeliveryList,
  settleGaps,
  type UnsettledDelivery,
} from "../recovery/index.js";
import type { Millis, RecordGap, RedeliveryRequest, Store } from "../store/index.js";
import { noTelemetry, type Telemetry } from "../telemetry/index.js";
import { queueRepublication } from "./queue-republication.js";

/**
 * Without a watermark yet (the first run of this version), this much of GitHub's list is read: a
 * short deploy's window, not everything GitHub keeps (an earlier version logged no ignored
 * deliveries, which would all look missing).
 */
const FIRST_LOOK_BACK_MS = 10 * 60_000;
/**
 * A delivery this recent may still be on its way into the store (GitHub gives up on an answer
 * after 10 s): it is looked at on the next run.
 */
const IN_FLIGHT_MS = 15_000;
/** Requests settled this long ago are forgotten (GitHub no longer lists their deliveries). */
const REQUESTS_KEPT_MS = 7 * 86_400_000;

export interface RecoverMissedDeliveriesOptions {
  store: Store;
  deliveries: HookDeliveries;
  /** The events the app subscribes to. */
  events: ReadonlySet<string>;
  now: Date;
  clock: () => Date;
  telemetry?: Telemetry;
  log?: Logger;
  /** The most events asked for in one run (default 1,000). */
  budget?: number;
  /** The most pages of GitHub's list read in one run (default 30, 100 deliveries each). */
  maxPages?: number;
  /** How long one run may read and ask (default 4 minutes). */
  maxRunMs?: number;
  /** Redelivery requests sent at the same time (default 2). */
  concurrency?: number;
}

export interface RecoveryRun {
  reach: DeliveryListReading["reach"] | "unavailable";
  pages: number;
  listed: number;
  asked: number;
  refused: number;
  /** Asked for, but GitHub did not answer (or answered 5xx): asked again later. */
  failed: number;
  givenUp: number;
  awaited: number;
  deferred: number;
  recovered: number;
  /** GitHub requests this run sent (list pages and redelivery requests). */
  requests: number;
  gaps: { opened: number; closed: number; toCatchUp: number };
  /** Something asked for is still on its way: worth looking again soon. */
  waiting: boolean;
}

function catchUpGap(
  installationId: number,
  startsAt: Millis,
  endsAt: Millis,
  reason: RecordGap["reason"],
  now: Millis,
): RecordGap {
  return {
    installationId,
    startsAt,
    endsAt,
    reason,
    state: "catch_up",
    openedAt: now,
    checked: false,
    lastError: null,
  };
}

/** A missed event only a catch-up recovers: a gap of its installation around when it was sent. */
function gapAround(event: MissedEvent, reason: RecordGap["reason"], now: Millis): RecordGap[] {
  const { installationId } = event.attempt;
  if (installationId === null) return [];
  const { deliveredAt } = event;
  return [
    catchUpGap(
      installationId,
      deliveredAt - CLOCK_SLACK_MS,
      deliveredAt + CLOCK_SLACK_MS,
      reason,
      now,
    ),
  ];
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
 * One run of redelivery: reads GitHub's list of the App's deliveries back to the watermark (or
 * to the start of a gap waiting for it), asks GitHub to send again every event of a subscribed
 * event the store lacks (see planRedeliveries), politely (a few at a time, waiting as GitHub
 * asks, within a budget and a time bound), records each request before making it, and moves
 * the gaps on: checked, closed once nothing in them is missing, or left to a catch-up when the
 * list cannot reach them or GitHub refused. A reply that does not fit fails the run and writes
 * nothing of it.
 */
export async function recoverMissedDeliveries(
  options: RecoverMissedDeliveriesOptions,
): Promise<RecoveryRun> {
  const { store, deliveries, clock, log } = options;
  const telemetry = options.telemetry ?? noTelemetry;
  const now = options.now.getTime();
  const deadline = now + (options.maxRunMs ?? 4 * 60_000);
  const sentBefore = deliveries.requests();
  const run: RecoveryRun = {
    reach: "from",
    pages: 0,
    listed: 0,
    asked: 0,
    refused: 0,
    failed: 0,
    givenUp: 0,
    awaited: 0,
    deferred: 0,
    recovered: 0,
    requests: 0,
    gaps: { opened: 0, closed: 0, toCatchUp: 0 },
    waiting: false,
  };
  const watermark = (await store.readMark("redelivery-watermark")) ?? now - FIRST_LOOK_BACK_MS;
  const gaps = await store.listRecordGaps();
  const waitingGaps = gaps.filter((gap) => gap.state === "redelivery" && !gap.checked);
  const from = Math.min(watermark, ...waitingGaps.map((gap) => gap.startsAt)) - CLOCK_SLACK_MS;

  let reading: DeliveryListReading;
  try {
    reading = await readDeliveryList(deliveries, {
      from,
      maxPages: options.maxPages ?? 30,
      deadline,
      clock,
    });
  } catch (error) {
    if (!(error instanceof DeliveriesUnavailableError)) throw error;
    // No list at all: every gap waiting for one is left to a catch-up.
    const decisions = settleGaps({ gaps, coveredFrom: null, unsettled: [] });
    await store.updateRecordGaps(decisions.update);
    run.reach = "unavailable";
    run.gaps.toCatchUp = decisions.update.length;
    run.requests = deliveries.requests() - sentBefore;
    return run;
  }
  run.reach = reading.reach;
  run.pages = reading.pages;
  run.listed = reading.listed.length;

  // What was asked for before and has arrived since.
  const outstanding = await store.listOutstandingRedeliveries();
  const listedGuids = [...new Set(reading.listed.map((delivery) => delivery.guid))];
  const known = await store.knownDeliveryIds([
    ...new Set([...listedGuids, ...outstanding.map((request) => request.guid)]),
  ]);
  const arrived = outstanding
    .filter((request) => known.has(request.guid))
    .map((request) => ({ ...request, state: "recovered" as const, settledAt: now }));
  await store.putRedeliveryRequests(arrived);
  run.recovered = arrived.length;
  telemetry.redeliveries("recovered", arrived.length);
  const stillOutstanding = outstanding.filter((request) => !known.has(request.guid));

  // Deliveries GitHub sent a moment ago may still be on their way into the store.
  const inFlight = reading.listed.filter((delivery) => delivery.deliveredAt > now - IN_FLIGHT_MS);
  const settledEnough = reading.listed.filter(
    (delivery) => delivery.deliveredAt <= now - IN_FLIGHT_MS,
  );
  const requests = new Map(
    (await store.listRedeliveryRequests(listedGuids)).map((request) => [request.guid, request]),
  );
  for (const request of arrived) requests.set(request.guid, request);
  const plan = planRedeliveries({
    listed: settledEnough,
    known,
    requests,
    removals: await store.listRemovals(),
    events: options.events,
    budget: options.budget ?? 1_000,
    now,
  });
  run.awaited = plan.awaited.length;

  // Ask, a few at a time. The requests are recorded before any is made, so that no replica asks
  // for the same event again before it could have arrived; those not made after all (GitHub
  // asked to wait too long, the run's time was up) are due again on the next run.
  const newGaps: RecordGap[] = [];
  const unasked: MissedEvent[] = [];
  const rows = new Map(plan.ask.map((event) => [event.guid, askedRow(event, now)]));
  await store.putRedeliveryRequests([...rows.values()]);
  const queue = [...plan.ask];
  let busy: GitHubBusyError | null = null;
  const worker = async () => {
    for (let event = queue.shift(); event; event = queue.shift()) {
      if (busy || clock().getTime() >= deadline) {
        unasked.push(event);
        continue;
      }
      const row = rows.get(event.guid) as RedeliveryRequest;
      let answer: Awaited<ReturnType<HookDeliveries["redeliver"]>>;
      try {
        answer = await deliveries.redeliver(event.attempt.id);
      } catch (error) {
        if (!(error instanceof GitHubBusyError)) throw error;
        busy = error;
        unasked.push(event);
        continue;
      }
      if (answer.outcome === "accepted") run.asked += 1;
      else if (answer.outcome === "failed") run.failed += 1;
      else {
        run.refused += 1;
        await store.putRedeliveryRequests([{ ...row, state: "refused", settledAt: now }]);
        log?.warn(
          { guid: event.guid, event: event.attempt.event, status: answer.status },
          `GitHub refused to redeliver ${event.guid} (${answer.status}${answer.message ? `: ${answer.message}` : ""}): a catch-up recovers its installation's activity instead`,
        );
        newGaps.push(...gapAround(event, "redelivery_refused", now));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
  // Not asked after all: as they were before this run.
  await store.putRedeliveryRequests(
    unasked.map((event) => {
      const row = rows.get(event.guid) as RedeliveryRequest;
      return event.request ?? { ...row, asks: 0, askedAt: 0 };
    }),
  );
  if (busy) log?.warn({}, (busy as GitHubBusyError).message);
  telemetry.redeliveries("asked", run.asked);
  telemetry.redeliveries("refused", run.refused);

  // Asked for too often: left to a catch-up.
  await store.putRedeliveryRequests(
    plan.givenUp.flatMap((event) =>
      event.request ? [{ ...event.request, state: "given_up" as const, settledAt: now }] : [],
    ),
  );
  for (const event of plan.givenUp) newGaps.push(...gapAround(event, "redelivery_lost", now));
  run.givenUp = plan.givenUp.length;
  telemetry.redeliveries("given_up", run.givenUp);

  // How far back the list was read; a list cut short leaves the rest to a catch-up.
  const coveredFrom =
    reading.reach === "from"
      ? Number.NEGATIVE_INFINITY
      : reading.reach === "end"
        ? now - DELIVERY_RETENTION_MS
        : (reading.oldestAt ?? now);
  if (reading.reach === "cut_short" && coveredFrom > from) {
    log?.warn(
      { pages: reading.pages, from: new Date(from).toISOString() },
      "GitHub's list of deliveries was cut short: the activity before it is caught up by backfill",
    );
    for (const installationId of await store.listInstallationIds())
      newGaps.push(catchUpGap(installationId, from, coveredFrom, "list_cut_short", now));
  }
  await store.openRecordGaps(newGaps);
  run.gaps.opened = newGaps.length;

  const missing = (event: MissedEvent): UnsettledDelivery => ({
    installationId: event.attempt.installationId,
    deliveredAt: event.deliveredAt,
  });
  const unsettled: UnsettledDelivery[] = [
    ...plan.ask.map(missing),
    ...plan.awaited.map(missing),
    ...plan.deferred.map(missing),
    ...stillOutstanding,
    ...inFlight.filter((delivery) => !known.has(delivery.guid)),
  ];
  const decisions = settleGaps({ gaps, coveredFrom, unsettled });
  await store.updateRecordGaps(decisions.update);
  await store.closeRecordGaps(decisions.close);
  await queueRepublication(
    store,
    decisions.close.map((gap) => gap.installationId),
    now,
  );
  run.gaps.closed = decisions.close.length;
  run.gaps.toCatchUp =
    decisions.update.filter((gap) => gap.state === "catch_up").length + newGaps.length;
  run.deferred = plan.deferred.length + unasked.length;

  // Everything before the oldest delivery still missing has been settled.
  const nextWatermark = Math.max(
    Math.min(reading.newestAt ?? watermark, ...unsettled.map((u) => u.deliveredAt)),
    now - DELIVERY_RETENTION_MS,
  );
  await store.writeMark("redelivery-watermark", nextWatermark);
  await store.pruneRedeliveryRequests(now - REQUESTS_KEPT_MS);
  run.requests = deliveries.requests() - sentBefore;
  run.waiting = unsettled.length > 0;
  if (run.asked + run.refused + run.givenUp + run.gaps.closed + run.gaps.opened > 0)
    log?.info({ ...run }, "missed deliveries looked for");
  return run;
}
