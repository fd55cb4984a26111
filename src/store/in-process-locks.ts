/** Runs work one at a time per key, within this process. */
export type KeyedLock = <T>(key: string, work: () => Promise<T>) => Promise<T>;

/**
 * Work on one key waits for earlier work on it to finish. GitHub sends `opened`, `milestoned`
 * and `labeled` together for one pull request; without this their publications would each
 * create the same check run.
 */
export function inProcessLocks(): KeyedLock {
  const byKey = new Map<string, Promise<unknown>>();
  return async (key, work) => {
    const previous = byKey.get(key) ?? Promise.resolve();
    const current = previous.then(work, work);
    const settled = current.catch(() => undefined);
    byKey.set(key, settled);
    try {
      return await current;
    } finally {
      if (byKey.get(key) === settled) byKey.delete(key);
    }
  };
}
