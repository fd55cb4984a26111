import type { Store } from "../store/index.js";

// Per store, so every publisher sharing a store (webhook reactions, the daily job) shares the locks.
const locks = new WeakMap<Store, Map<string, Promise<unknown>>>();

/**
 * Runs `work` after any earlier work on the same publication key has finished. GitHub sends
 * `opened`, `milestoned` and `labeled` together for one pull request; without this, their
 * evaluations would each create the same check run.
 */
export async function withPublicationLock<T>(
  store: Store,
  key: string,
  work: () => Promise<T>,
): Promise<T> {
  let byKey = locks.get(store);
  if (!byKey) {
    byKey = new Map();
    locks.set(store, byKey);
  }
  const previous = byKey.get(key) ?? Promise.resolve();
  const current = previous.then(work, work);
  const settled = current.catch(() => undefined);
  byKey.set(key, settled);
  try {
    return await current;
  } finally {
    if (byKey.get(key) === settled) byKey.delete(key);
  }
}
