import type { ActivityReads } from "../store/index.js";

/** The id of the installation's repository of that name (any case) as the store knows it now. */
export async function repositoryIdByName(
  store: Pick<ActivityReads, "findRepositories">,
  installationId: number,
  fullName: string,
): Promise<number | undefined> {
  return (await store.findRepositories(fullName)).find(
    (found) => found.installationId === installationId,
  )?.repositoryId;
}
