import type { Millis, RedeliveryRequest, RemovalRow } from "../store/index.js";
import type { ListedDelivery } from "./listed-delivery.js";

/** An event asked for and not arrived is asked for again after this long. */
export const ASK_AGAIN_AFTER_MS = 10 * 60_000;
/** An event asked for this many times and still missing is left to a catch-up. */
export const MOST_ASKS = 3;

/** One event GitHub sent (all its attempts), as the planner sees it. */
export interface MissedEvent {
  guid: string;
  /** The attempt to ask GitHub to redeliver: the latest. */
  attempt: ListedDelivery;
  /** When GitHub first sent it. */
  deliveredAt: Millis;
  /** The earlier request for it, if any. */
  request: RedeliveryRequest | undefined;
}

export interface RedeliveryPlanInput {
  /** GitHub's list as read this run, all attempts, in any order. */
  listed: readonly ListedDelivery[];
  /** The delivery GUIDs the store has (logged, or kept as failed). */
  known: ReadonlySet<string>;
  /** Earlier requests, by GUID. */
  requests: ReadonlyMap<string, RedeliveryRequest>;
  removals: readonly RemovalRow[];
  /** The events the app subscribes to. */
  events: ReadonlySet<string>;
  /** The most events to ask for in this run. */
  budget: number;
  now: Millis;
}

export interface RedeliveryPlan {
  /** Missing events to ask for now, oldest first, at most `budget`. */
  ask: MissedEvent[];
  /** Missing events beyond the budget: the next run's. */
  deferred: MissedEvent[];
  /** Asked for a little while ago and not arrived yet: waited for. */
  awaited: MissedEvent[];
  /** Asked for MOST_ASKS times and still missing: only a catch-up recovers them. */
  givenUp: MissedEvent[];
  /** Events not asked for, by why. */
  skipped: { known: number; unsubscribed: number; removed: number; settled: number };
}

function removedBefore(removals: readonly RemovalRow[], event: ListedDelivery, at: Millis) {
  if (event.installationId === null) return false;
  return removals.some(
    (removal) =>
      removal.installationId === event.installationId &&
      (removal.repositoryId === 0 || removal.repositoryId === event.repositoryId) &&
      removal.removedAt >= at,
  );
}

/**
 * Which of the deliveries GitHub lists to ask it to send again: every event (GUID) of a
 * subscribed event that the store does not have, whatever status GitHub shows (a 2xx that never
 * committed counts too), each once, oldest first, within the budget. Never what the store has,
 * nothing of an installation or repository removed since (its rows would come back), nothing
 * asked for less than ASK_AGAIN_AFTER_MS ago, refused, or asked MOST_ASKS times.
 */
export function planRedeliveries(input: RedeliveryPlanInput): RedeliveryPlan {
  const byGuid = new Map<string, ListedDelivery[]>();
  for (const attempt of input.listed) {
    const attempts = byGuid.get(attempt.guid);
    if (attempts) attempts.push(attempt);
    else byGuid.set(attempt.guid, [attempt]);
  }
  const plan: RedeliveryPlan = {
    ask: [],
    deferred: [],
    awaited: [],
    givenUp: [],
    skipped: { known: 0, unsubscribed: 0, removed: 0, settled: 0 },
  };
  const missing: MissedEvent[] = [];
  for (const [guid, attempts] of byGuid) {
    const attempt = attempts.reduce((latest, a) => (a.id > latest.id ? a : latest));
    const deliveredAt = Math.min(...attempts.map((a) => a.deliveredAt));
    const request = input.requests.get(guid);
    const event = { guid, attempt, deliveredAt, request };
    if (input.known.has(guid)) plan.skipped.known += 1;
    else if (!input.events.has(attempt.event)) plan.skipped.unsubscribed += 1;
    else if (removedBefore(input.removals, attempt, deliveredAt)) plan.skipped.removed += 1;
    else if (request && request.state !== "asked") plan.skipped.settled += 1;
    else if (request && input.now - request.askedAt < ASK_AGAIN_AFTER_MS) plan.awaited.push(event);
    else if (request && request.asks >= MOST_ASKS) plan.givenUp.push(event);
    else missing.push(event);
  }
  missing.sort((a, b) => a.deliveredAt - b.deliveredAt || a.attempt.id - b.attempt.id);
  const budget = Math.max(0, input.budget);
  plan.ask = missing.slice(0, budget);
  plan.deferred = missing.slice(budget);
  return plan;
}
