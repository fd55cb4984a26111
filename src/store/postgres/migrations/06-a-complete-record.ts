import type { Migration } from "../../schema/index.js";

export const aCompleteRecord: Migration = {
  version: 6,
  name: "a complete record",
  // The newest heartbeat and the redelivery watermark; the periods in which an installation's
  // record may be incomplete; the redeliveries asked of GitHub; and what was removed when, so
  // that GitHub's older deliveries of it are never asked for again.
  sql: `
CREATE TABLE record_marks (
  name TEXT PRIMARY KEY,
  at BIGINT NOT NULL
);
CREATE TABLE record_gaps (
  installation_id BIGINT NOT NULL,
  starts_at BIGINT NOT NULL,
  ends_at BIGINT NOT NULL,
  reason TEXT NOT NULL,
  state TEXT NOT NULL,
  opened_at BIGINT NOT NULL,
  checked BOOLEAN NOT NULL,
  last_error TEXT,
  PRIMARY KEY (installation_id, starts_at)
);
CREATE TABLE redelivery_requests (
  guid TEXT PRIMARY KEY,
  installation_id BIGINT,
  repository_id BIGINT,
  event TEXT NOT NULL,
  github_delivery_id BIGINT NOT NULL,
  delivered_at BIGINT NOT NULL,
  asked_at BIGINT NOT NULL,
  asks INTEGER NOT NULL,
  state TEXT NOT NULL,
  settled_at BIGINT
);
CREATE INDEX redelivery_requests_by_state ON redelivery_requests (state);
CREATE TABLE removals (
  installation_id BIGINT NOT NULL,
  repository_id BIGINT NOT NULL,
  removed_at BIGINT NOT NULL,
  PRIMARY KEY (installation_id, repository_id)
);
`,
};
