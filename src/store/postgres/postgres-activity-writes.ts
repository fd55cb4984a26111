import type pg from "pg";
import { applyChanges, applyDelivery, recordFailedDelivery } from "../changes/index.js";
import type { QueuedDelivery } from "../queued-delivery.js";
import type { ActivityWrites } from "../store.js";
import { lockScope } from "./lock-scope.js";
import type { PostgresTransactions } from "./postgres-transaction.js";

export interface PostgresActivityWrites extends ActivityWrites {
  /** Resolves once every delivery handed in so far is committed (or failed): before closing. */
  settled(): Promise<void>;
}

/** At most this many deliveries share a transaction: its statements and locks stay small. */
const MOST_PER_COMMIT = 64;

/**
 * A delivery's transaction gives up waiting for a lock after 3 s and on a statement after 5 s,
 * well before the webhook's answer deadline (8 s, GitHub's own 10 s): a delivery the database
 * cannot take now fails in time to be answered 5xx, and GitHub lists it for redelivery.
 */
const DELIVERY_TIMEOUTS = { lockMs: 3_000, statementMs: 5_000 };

/**
 * Each delivery is atomic with its id. Deliveries that arrive while the previous commit is on
 * its way (a burst of webhooks) share the next transaction, with every repository they write in
 * locked up front in one order, their reads made together and their writes sent together, so a
 * busy server pays a handful of round trips per burst instead of several per delivery. Every
 * caller is answered only after the commit. A delivery whose program throws is left out alone;
 * when the database refuses the batch's writes (a value it cannot take), each delivery of it
 * runs again in its own transaction, so only the one at fault fails.
 */
export function postgresActivityWrites(
  pool: pg.Pool,
  transactions: PostgresTransactions,
): PostgresActivityWrites {
  let queue: QueuedDelivery[] = [];
  let committing: Promise<void> | null = null;

  async function commit(batch: readonly QueuedDelivery[]): Promise<void> {
    try {
      const { outcomes } = await transactions.programs(
        batch.map(
          ({ delivery, changes }) =>
            () =>
              applyDelivery(delivery, changes),
        ),
        {
          locks: lockScope(batch.map(({ delivery, changes }) => ({ changes, scope: delivery }))),
          lockRows: false,
          timeouts: DELIVERY_TIMEOUTS,
        },
      );
      batch.forEach((item, i) => {
        const outcome = outcomes[i];
        if (outcome && "result" in outcome) item.resolve(outcome.result);
        else item.reject(outcome?.error);
      });
    } catch (error) {
      const [only] = batch;
      if (batch.length === 1) only?.reject(error);
      else await Promise.all(batch.map((item) => commit([item])));
    }
  }

  /** Commits what is queued, then what queued up meanwhile, until nothing is left. */
  async function drain(): Promise<void> {
    try {
      while (queue.length > 0) {
        const batch = queue.slice(0, MOST_PER_COMMIT);
        queue = queue.slice(batch.length);
        await commit(batch);
      }
    } finally {
      committing = null;
    }
  }

  return {
    applyDelivery(delivery, changes) {
      return new Promise((resolve, reject) => {
        queue.push({ delivery, changes, resolve, reject });
        // The deliveries of this turn of the event loop go together.
        committing ??= new Promise((start) => setImmediate(start)).then(drain);
      });
    },
    applyChanges: (changes) =>
      transactions.run(() => applyChanges(changes), {
        locks: lockScope([{ changes, scope: { installationId: null, repositoryId: null } }]),
        lockRows: false,
      }),
    recordFailedDelivery: (delivery, payload, error) =>
      transactions.run(() => recordFailedDelivery(delivery, payload, error), {
        locks: null,
        lockRows: true,
        timeouts: DELIVERY_TIMEOUTS,
      }),
    async pruneFailedDeliveries(receivedBefore) {
      const { rowCount } = await pool.query(
        "DELETE FROM failed_deliveries WHERE received_at < $1",
        [receivedBefore],
      );
      return rowCount ?? 0;
    },
    async settled() {
      await committing;
    },
  };
}
