import type { Migration } from "../../schema/index.js";

export const activityRecords: Migration = {
  version: 1,
  name: "activity records",
  sql: `
CREATE TABLE installations (
  installation_id INTEGER PRIMARY KEY,
  account_login TEXT NOT NULL,
  account_type TEXT NOT NULL,
  suspended INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL
);

CREATE TABLE repositories (
  installation_id INTEGER NOT NULL,
  repository_id INTEGER NOT NULL,
  full_name TEXT NOT NULL,
  private INTEGER NOT NULL,
  PRIMARY KEY (installation_id, repository_id)
);
CREATE INDEX repositories_by_name ON repositories (full_name);

CREATE TABLE pull_requests (
  installation_id INTEGER NOT NULL,
  pull_request_id INTEGER NOT NULL,
  repository_id INTEGER NOT NULL,
  node_id TEXT NOT NULL,
  number INTEGER NOT NULL,
  title TEXT NOT NULL,
  author_login TEXT NOT NULL,
  author_type TEXT NOT NULL,
  author_association TEXT,
  draft INTEGER NOT NULL,
  state TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  closed_at INTEGER,
  merged_at INTEGER,
  merged_by TEXT,
  milestone_id INTEGER,
  head_sha TEXT NOT NULL,
  head_ref TEXT NOT NULL,
  base_ref TEXT NOT NULL,
  labels TEXT NOT NULL,
  ready_at INTEGER,
  version_hash TEXT NOT NULL,
  PRIMARY KEY (installation_id, pull_request_id)
);
CREATE INDEX pull_requests_by_repo_created ON pull_requests (installation_id, repository_id, created_at);
CREATE INDEX pull_requests_by_milestone ON pull_requests (installation_id, milestone_id, state);
CREATE INDEX pull_requests_open ON pull_requests (installation_id, state);

CREATE TABLE pull_request_timeline (
  installation_id INTEGER NOT NULL,
  repository_id INTEGER NOT NULL,
  pull_request_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (installation_id, pull_request_id, kind, at)
);

CREATE TABLE review_requests (
  installation_id INTEGER NOT NULL,
  repository_id INTEGER NOT NULL,
  pull_request_id INTEGER NOT NULL,
  reviewer TEXT NOT NULL,
  reviewer_type TEXT NOT NULL,
  requested_at INTEGER NOT NULL,
  requested_by TEXT,
  removed_at INTEGER,
  PRIMARY KEY (installation_id, pull_request_id, reviewer, requested_at)
);

CREATE TABLE review_request_removals (
  installation_id INTEGER NOT NULL,
  repository_id INTEGER NOT NULL,
  pull_request_id INTEGER NOT NULL,
  reviewer TEXT NOT NULL,
  removed_at INTEGER NOT NULL,
  PRIMARY KEY (installation_id, pull_request_id, reviewer, removed_at)
);

CREATE TABLE reviews (
  installation_id INTEGER NOT NULL,
  review_id INTEGER NOT NULL,
  repository_id INTEGER NOT NULL,
  pull_request_id INTEGER NOT NULL,
  reviewer_login TEXT NOT NULL,
  reviewer_type TEXT NOT NULL,
  author_association TEXT,
  state TEXT,
  dismissed INTEGER NOT NULL,
  submitted_at INTEGER NOT NULL,
  commit_id TEXT,
  PRIMARY KEY (installation_id, review_id)
);
CREATE INDEX reviews_by_pull_request ON reviews (installation_id, pull_request_id);

CREATE TABLE milestones (
  installation_id INTEGER NOT NULL,
  milestone_id INTEGER NOT NULL,
  repository_id INTEGER NOT NULL,
  number INTEGER NOT NULL,
  title TEXT NOT NULL,
  state TEXT NOT NULL,
  due_on INTEGER,
  closed_at INTEGER,
  updated_at INTEGER NOT NULL,
  deleted_at INTEGER,
  version_hash TEXT NOT NULL,
  PRIMARY KEY (installation_id, milestone_id)
);

CREATE TABLE issues (
  installation_id INTEGER NOT NULL,
  issue_id INTEGER NOT NULL,
  repository_id INTEGER NOT NULL,
  number INTEGER NOT NULL,
  title TEXT NOT NULL,
  author_login TEXT NOT NULL,
  author_type TEXT NOT NULL,
  author_association TEXT NOT NULL,
  labels TEXT NOT NULL,
  state TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  closed_at INTEGER,
  milestone_id INTEGER,
  first_response_at INTEGER,
  first_response_by TEXT,
  version_hash TEXT NOT NULL,
  PRIMARY KEY (installation_id, issue_id)
);
CREATE INDEX issues_by_repo_created ON issues (installation_id, repository_id, created_at);

CREATE TABLE issue_comments (
  installation_id INTEGER NOT NULL,
  comment_id INTEGER NOT NULL,
  repository_id INTEGER NOT NULL,
  issue_id INTEGER NOT NULL,
  author_login TEXT NOT NULL,
  author_type TEXT NOT NULL,
  author_association TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (installation_id, comment_id)
);
CREATE INDEX issue_comments_by_issue ON issue_comments (installation_id, issue_id);

CREATE TABLE deliveries (
  delivery_id TEXT PRIMARY KEY,
  installation_id INTEGER,
  event TEXT NOT NULL,
  action TEXT,
  received_at INTEGER NOT NULL
);
CREATE INDEX deliveries_by_installation ON deliveries (installation_id);

CREATE TABLE failed_deliveries (
  delivery_id TEXT PRIMARY KEY,
  installation_id INTEGER,
  event TEXT NOT NULL,
  payload TEXT NOT NULL,
  error TEXT NOT NULL,
  received_at INTEGER NOT NULL
);

CREATE TABLE publications (
  installation_id INTEGER NOT NULL,
  key TEXT NOT NULL,
  target_id INTEGER,
  content_hash TEXT NOT NULL,
  state TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (installation_id, key)
);

CREATE TABLE jobs (
  name TEXT PRIMARY KEY,
  next_run_at INTEGER NOT NULL,
  last_run_at INTEGER,
  lease_owner TEXT,
  lease_until INTEGER
);

CREATE TABLE backfill_cursors (
  installation_id INTEGER NOT NULL,
  repository_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  cursor TEXT,
  since INTEGER,
  done INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (installation_id, repository_id, kind)
);
`,
};
