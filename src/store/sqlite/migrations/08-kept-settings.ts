import type { Migration } from "../../schema/index.js";

export const keptSettings: Migration = {
  version: 8,
  name: "kept settings",
  // The settings the app last read from each repository's file (an organisation's `.github`
  // repository included, installed or not), for readers that must not call GitHub.
  sql: `
CREATE TABLE kept_settings (
  installation_id INTEGER NOT NULL,
  repository TEXT NOT NULL,
  settings TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (installation_id, repository)
);
`,
};
