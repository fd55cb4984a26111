import type { Migration } from "../../schema/index.js";

export const aCompleteRecord: Migration = {
  version: 14,
  name: "a complete record",
  // The newest heartbeat and the redelivery watermark; the periods in which an installation's
  // record may be incomplete; the redeliveries asked of GitHub; and what was removed when, so
  // that GitHub's older deliveries of it are never asked for again.
  sql: `
CREATE TABLE record_marks (
  name TEXT PRIMARY KEY,
  at INTEGER NOT NULL
);
CREATE TABLE record_gaps (
  installation_id INTEGER NOT NULL,
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL,
  reason TEXT NOT NULL,
  state TEXT NOT NULL,
  opened_at INTEGER NOT NULL,
  checked INTEGER NOT NULL,
  last_error TEXT,
  PRIMARY KEY (installation_id, starts_at)
);
CREATE TABLE redelivery_requests (
  guid TEXT PRIMARY KEY,
  installation_id INTEGER,
  repository_id INTEGER,
  event TEXT NOT NULL,
  github_delivery_id INTEGER NOT NULL,
  delivered_at INTEGER NOT NULL,
  asked_at INTEGER NOT NULL,
  asks INTEGER NOT NULL,
  state TEXT NOT NULL,
  settled_at INTEGER
);
CREATE INDEX redelivery_requests_by_state ON redelivery_requests (state);
CREATE TABLE removals (
  installation_id INTEGER NOT NULL,
  repository_id INTEGER NOT NULL,
  removed_at INTEGER NOT NULL,
  PRIMARY KEY (installation_id, repository_id)
);
`,
};
