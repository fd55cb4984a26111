import type { Migration } from "../../schema/index.js";

export const keptSettingsByRepositoryId: Migration = {
  version: 3,
  name: "kept settings by repository id",
  // Names change, and a new repository may take an old name: settings are the repository's
  // by id, and go with it. Those kept by name are dropped rather than guessed at (a name may
  // be a newer repository's now); each repository's are read again at its next event or
  // daily run.
  sql: `
DROP TABLE kept_settings;
CREATE TABLE kept_settings (
  installation_id BIGINT NOT NULL,
  repository_id BIGINT NOT NULL,
  settings TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (installation_id, repository_id)
);
`,
};
