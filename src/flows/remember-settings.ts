import { settingsText } from "../config/index.js";
import type { InstallationConnection, RepositoryRef } from "../github/index.js";
import type { Millis, Store } from "../store/index.js";
import { repositoryIdByName } from "./repository-id-by-name.js";

/** The repository's id: the caller's, else the installation's repository of that name. */
const repositoryIdOf = async (store: Store, installationId: number, repository: RepositoryRef) =>
  repository.repositoryId ??
  repositoryIdByName(store, installationId, `${repository.owner}/${repository.repo}`);

/**
 * The same connection, keeping every config it loads (or the file's errors) as the repository's
 * settings in the store, by the repository's id: readers that must not call GitHub, the
 * dashboard, use those. The owner's `.github` file is kept as that repository's; a file of a
 * repository the installation does not have (a `.github` repository it cannot read) is not kept.
 */
export function rememberSettings(
  store: Store,
  installationId: number,
  connection: InstallationConnection,
  now: () => Millis,
): InstallationConnection {
  return {
    ...connection,
    async loadConfig(repository) {
      const result = await connection.loadConfig(repository);
      const repositoryId = await repositoryIdOf(store, installationId, repository);
      if (repositoryId !== undefined)
        await store.putSettings({
          installationId,
          repositoryId,
          settings: settingsText(result),
          updatedAt: now(),
        });
      return result;
    },
  };
}
