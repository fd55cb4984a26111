import { settingsText } from "../config/index.js";
import type { InstallationConnection } from "../github/index.js";
import type { Millis, Store } from "../store/index.js";

/**
 * The same connection, keeping every config it loads (or the file's errors) as the repository's
 * settings in the store: readers that must not call GitHub, the dashboard, use those.
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
      await store.putSettings({
        installationId,
        repository: `${repository.owner}/${repository.repo}`.toLowerCase(),
        settings: settingsText(result),
        updatedAt: now(),
      });
      return result;
    },
  };
}
