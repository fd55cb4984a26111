import { seededRandom } from "../../../bench/seeded-random.js";
import type { Delivery } from "../../../src/ingest/index.js";

export interface Storm {
  deliveries: Delivery[];
  /** Copies under the same delivery id: a retry of something GitHub thinks failed. */
  sameId: number;
  /** Copies under a new delivery id, received later: a "Redeliver" from the app settings. */
  newId: number;
  /** Deliveries moved away from where the clean stream has them. */
  moved: number;
}

/**
 * The clean stream as a bad day delivers it: `duplicated` of the deliveries arrive twice (half
 * retried under the same id, half redelivered under a new one, up to a few hundred later) and
 * `reordered` of them are moved to another place in the stream.
 */
export function redeliveryStorm(
  clean: readonly Delivery[],
  options: { duplicated: number; reordered: number; seed: number },
): Storm {
  const random = seededRandom(options.seed);
  const slots: { at: number; delivery: Delivery }[] = [];
  let sameId = 0;
  let newId = 0;
  clean.forEach((delivery, i) => {
    slots.push({ at: i, delivery });
    if (random() >= options.duplicated) return;
    const later = i + 1 + random() * 300;
    if (random() < 0.5) {
      sameId += 1;
      slots.push({ at: later, delivery });
    } else {
      newId += 1;
      slots.push({
        at: later,
        delivery: {
          ...delivery,
          id: `${delivery.id}-redelivered`,
          receivedAt: delivery.receivedAt + 3_600_000,
        },
      });
    }
  });
  slots.sort((a, b) => a.at - b.at);
  // Move a share of the slots to random places: late, early, anywhere.
  const order = slots.map((slot) => slot.delivery);
  const count = Math.round(order.length * options.reordered);
  const picked = new Set<number>();
  while (picked.size < count) picked.add(Math.floor(random() * order.length));
  const positions = [...picked];
  const moving = positions.map((p) => order[p] as Delivery);
  for (let i = moving.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [moving[i], moving[j]] = [moving[j] as Delivery, moving[i] as Delivery];
  }
  let moved = 0;
  positions.forEach((p, k) => {
    if (order[p] !== moving[k]) moved += 1;
    order[p] = moving[k] as Delivery;
  });
  return { deliveries: order, sameId, newId, moved };
}

/** A readable difference between two `dumpActivity` results (first few rows per table). */
export function dumpDifference(
  expected: Record<string, unknown[]>,
  actual: Record<string, unknown[]>,
): Record<string, { missing: unknown[]; unexpected: unknown[] }> {
  const out: Record<string, { missing: unknown[]; unexpected: unknown[] }> = {};
  for (const table of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    const want = new Set(expected[table] ?? []);
    const got = new Set(actual[table] ?? []);
    const missing = [...want].filter((row) => !got.has(row)).slice(0, 3);
    const unexpected = [...got].filter((row) => !want.has(row)).slice(0, 3);
    if (missing.length + unexpected.length > 0) out[table] = { missing, unexpected };
  }
  return out;
}
