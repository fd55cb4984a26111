import type { Publication, Store } from "../store/index.js";

/**
 * The store as a dry run should see it: what was really published is read from the store, but
 * what the dry run "publishes" (with made-up ids) stays in memory, so a later live run never
 * edits a check run or issue that does not exist.
 */
export function withDryRunPublications(store: Store): Store {
  const overlay = new Map<string, Publication>();
  const keyOf = (installationId: number, key: string) => `${installationId}\u0000${key}`;
  return new Proxy(store, {
    get(target, property) {
      if (property === "getPublication") {
        return async (installationId: number, key: string) =>
          overlay.get(keyOf(installationId, key)) ?? target.getPublication(installationId, key);
      }
      if (property === "putPublication") {
        return async (publication: Publication) => {
          overlay.set(keyOf(publication.installationId, publication.key), publication);
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
