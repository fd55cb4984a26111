import type { Logger } from "pino";
import {
  CLOCK_SLACK_MS,
  DELIVERY_RETENTION_MS,
  DeliveriesUnavailableError,
  type DeliveryListReading,
  type GapDecisions,
  type HookDeliveries,
  type MissedEvent,
  planRedeliveries,
  type RedeliveryPlan,
  readDeliveryList,
  settleGaps,
  type UnsettledDelivery,
} from "../recovery/index.js";
import type { Millis, RecordGap, RedeliveryRequest, Store } from "../store/index.js";
import { noTelemetry, type Telemetry } from "../telemetry/index.js";
import { askForRedeliveries } from "./ask-for-redeliveries.js";
import { catchUpGap, gapAround } from "./catch-up-gaps.js";
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

/** A run that has read and asked nothing yet. */
function emptyRun(): RecoveryRun {
  return {
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
}

/** No list at all: every gap waiting for one is left to a catch-up; how many were. */
async function leaveGapsToCatchUp(store: Store, gaps: readonly RecordGap[]): Promise<number> {
  const decisions = settleGaps({ gaps, coveredFrom: null, unsettled: [] });
  await store.updateRecordGaps(decisions.update);
  return decisions.update.length;
}

/** The deliveries the store knows of those listed or asked for, and which requests that settles. */
interface Arrivals {
  listedGuids: string[];
  known: Set<string>;
  /** Asked for before and arrived since: recovered. */
  arrived: RedeliveryRequest[];
  stillOutstanding: RedeliveryRequest[];
}

/** What was asked for before and has arrived since, now recorded as recovered. */
async function recordArrivals(
  store: Store,
  reading: DeliveryListReading,
  now: Millis,
): Promise<Arrivals> {
  const outstanding = await store.listOutstandingRedeliveries();
  const listedGuids = [...new Set(reading.listed.map((delivery) => delivery.guid))];
  const known = await store.knownDeliveryIds([
    ...new Set([...listedGuids, ...outstanding.map((request) => request.guid)]),
  ]);
  const arrived = outstanding
    .filter((request) => known.has(request.guid))
    .map((request) => ({ ...request, state: "recovered" as const, settledAt: now }));
  await store.putRedeliveryRequests(arrived);
  const stillOutstanding = outstanding.filter((request) => !known.has(request.guid));
  return { listedGuids, known, arrived, stillOutstanding };
}

/** Which listed deliveries to ask for again (see planRedeliveries), from what the store holds. */
async function planRun(
  options: RecoverMissedDeliveriesOptions,
  settledEnough: DeliveryListReading["listed"],
  arrivals: Arrivals,
): Promise<RedeliveryPlan> {
  const { store } = options;
  const requests = new Map(
    (await store.listRedeliveryRequests(arrivals.listedGuids)).map((r) => [r.guid, r]),
  );
  for (const request of arrivals.arrived) requests.set(request.guid, request);
  return planRedeliveries({
    listed: settledEnough,
    known: arrivals.known,
    requests,
    removals: await store.listRemovals(),
    events: options.events,
    budget: options.budget ?? 1_000,
    now: options.now.getTime(),
  });
}

/** Events asked for too often, recorded as given up: gaps left to a catch-up. */
async function giveUp(store: Store, events: readonly MissedEvent[], now: Millis) {
  await store.putRedeliveryRequests(
    events.flatMap((event) =>
      event.request ? [{ ...event.request, state: "given_up" as const, settledAt: now }] : [],
    ),
  );
  return events.flatMap((event) => gapAround(event, "redelivery_lost", now));
}

/** Since when every delivery GitHub sent has been read from its list. */
function coveredFromOf(reading: DeliveryListReading, now: Millis): Millis {
  if (reading.reach === "from") return Number.NEGATIVE_INFINITY;
  if (reading.reach === "end") return now - DELIVERY_RETENTION_MS;
  return reading.oldestAt ?? now;
}

/** A list cut short before `from`: the span it did not reach, in every installation's record. */
async function cutShortGaps(
  options: RecoverMissedDeliveriesOptions,
  reading: DeliveryListReading,
  from: Millis,
  coveredFrom: Millis,
): Promise<RecordGap[]> {
  if (reading.reach !== "cut_short" || coveredFrom <= from) return [];
  options.log?.warn(
    { pages: reading.pages, from: new Date(from).toISOString() },
    "GitHub's list of deliveries was cut short: the activity before it is caught up by backfill",
  );
  const now = options.now.getTime();
  return (await options.store.listInstallationIds()).map((installationId) =>
    catchUpGap(installationId, from, coveredFrom, "list_cut_short", now),
  );
}

/** Gaps checked, closed (and their installations' releases published again) or left to a catch-up. */
async function moveGaps(
  store: Store,
  review: Parameters<typeof settleGaps>[0],
  now: Millis,
): Promise<GapDecisions> {
  const decisions = settleGaps(review);
  await store.updateRecordGaps(decisions.update);
  await store.closeRecordGaps(decisions.close);
  await queueRepublication(
    store,
    decisions.close.map((gap) => gap.installationId),
    now,
  );
  return decisions;
}

/**
 * The deliveries the store still lacks after this run: asked for, awaited or deferred, asked
 * for earlier and not arrived, or sent a moment ago and not in the store yet.
 */
function unsettledDeliveries(
  plan: RedeliveryPlan,
  arrivals: Arrivals,
  inFlight: DeliveryListReading["listed"],
): UnsettledDelivery[] {
  const missing = (event: MissedEvent): UnsettledDelivery => ({
    installationId: event.attempt.installationId,
    deliveredAt: event.deliveredAt,
  });
  return [
    ...plan.ask.map(missing),
    ...plan.awaited.map(missing),
    ...plan.deferred.map(missing),
    ...arrivals.stillOutstanding,
    ...inFlight.filter((delivery) => !arrivals.known.has(delivery.guid)),
  ];
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
  const run = emptyRun();
  const watermark = (await store.readMark("redelivery-watermark")) ?? now - FIRST_LOOK_BACK_MS;
  const gaps = await store.listRecordGaps();
  const waitingGaps = gaps.filter((gap) => gap.state === "redelivery" && !gap.checked);
  const from = Math.min(watermark, ...waitingGaps.map((gap) => gap.startsAt)) - CLOCK_SLACK_MS;
  const maxPages = options.maxPages ?? 30;
  const reading = await readDeliveryList(deliveries, { from, maxPages, deadline, clock }).catch(
    (error: unknown) => {
      if (error instanceof DeliveriesUnavailableError) return null;
      throw error;
    },
  );
  if (!reading) {
    run.reach = "unavailable";
    run.gaps.toCatchUp = await leaveGapsToCatchUp(store, gaps);
    run.requests = deliveries.requests() - sentBefore;
    return run;
  }
  run.reach = reading.reach;
  run.pages = reading.pages;
  run.listed = reading.listed.length;

  const arrivals = await recordArrivals(store, reading, now);
  run.recovered = arrivals.arrived.length;
  telemetry.redeliveries("recovered", arrivals.arrived.length);
  // Deliveries GitHub sent a moment ago may still be on their way into the store.
  const inFlight = reading.listed.filter((delivery) => delivery.deliveredAt > now - IN_FLIGHT_MS);
  const settledEnough = reading.listed.filter((d) => d.deliveredAt <= now - IN_FLIGHT_MS);
  const plan = await planRun(options, settledEnough, arrivals);
  run.awaited = plan.awaited.length;
  const concurrency = options.concurrency ?? 2;
  const asking = await askForRedeliveries(
    { store, deliveries, clock, telemetry, log, now, deadline, concurrency },
    plan.ask,
  );
  run.asked = asking.asked;
  run.refused = asking.refused;
  run.failed = asking.failed;
  const givenUpGaps = await giveUp(store, plan.givenUp, now);
  run.givenUp = plan.givenUp.length;
  telemetry.redeliveries("given_up", run.givenUp);

  // How far back the list was read; a list cut short leaves the rest to a catch-up.
  const coveredFrom = coveredFromOf(reading, now);
  const cutShort = await cutShortGaps(options, reading, from, coveredFrom);
  const newGaps = [...asking.gaps, ...givenUpGaps, ...cutShort];
  await store.openRecordGaps(newGaps);
  run.gaps.opened = newGaps.length;

  const unsettled = unsettledDeliveries(plan, arrivals, inFlight);
  const decisions = await moveGaps(store, { gaps, coveredFrom, unsettled }, now);
  run.gaps.closed = decisions.close.length;
  run.gaps.toCatchUp =
    decisions.update.filter((gap) => gap.state === "catch_up").length + newGaps.length;
  run.deferred = plan.deferred.length + asking.unasked.length;

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
