import type { Migration } from "../../schema/index.js";

export const purgesWaitingForGithubsConfirmation: Migration = {
  version: 13,
  name: "purges waiting for GitHub's confirmation",
  // An uninstall or a repository removal, kept until GitHub confirms it (a delivery's event
  // name is not signed), and retried with a back-off while GitHub cannot say.
  sql: `
CREATE TABLE pending_purges (
  installation_id INTEGER NOT NULL,
  subject TEXT NOT NULL,
  repository_id INTEGER,
  full_name TEXT,
  delivery_id TEXT NOT NULL,
  requested_at INTEGER NOT NULL,
  due_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL,
  last_error TEXT,
  PRIMARY KEY (installation_id, subject)
);
CREATE INDEX pending_purges_by_due ON pending_purges (due_at);
`,
};
