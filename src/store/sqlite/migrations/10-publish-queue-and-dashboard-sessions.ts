import type { Migration } from "../../schema/index.js";

export const publishQueueAndDashboardSessions: Migration = {
  version: 10,
  name: "publish queue and dashboard sessions",
  // What deliveries made stale in release readiness, queued in their own transaction; and the
  // dashboard's sign-ins and sessions, so that a restart signs nobody out.
  sql: `
CREATE TABLE publish_queue (
  installation_id INTEGER NOT NULL,
  repository_id INTEGER NOT NULL,
  subject TEXT NOT NULL,
  whole_milestone INTEGER NOT NULL,
  force INTEGER NOT NULL,
  version INTEGER NOT NULL,
  queued_at INTEGER NOT NULL,
  due_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL,
  lease_owner TEXT,
  lease_until INTEGER,
  last_error TEXT,
  PRIMARY KEY (installation_id, repository_id, subject)
);
CREATE INDEX publish_queue_by_due ON publish_queue (due_at);
CREATE TABLE dashboard_sessions (
  id_hash TEXT PRIMARY KEY,
  login TEXT NOT NULL,
  user_id INTEGER NOT NULL,
  sealed_token TEXT NOT NULL,
  form_token TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE sign_in_states (
  state TEXT PRIMARY KEY,
  return_to TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
`,
};
