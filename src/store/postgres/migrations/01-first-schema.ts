import type { Migration } from "../../schema/index.js";

export const firstSchema: Migration = {
  version: 1,
  name: "activity, delivery log, publications, jobs, cursors, settings, queue, sessions",
  sql: `
CREATE TABLE installations (
  installation_id BIGINT PRIMARY KEY,
  account_login TEXT NOT NULL,
  account_type TEXT NOT NULL,
  suspended BOOLEAN NOT NULL DEFAULT FALSE,
  updated_at BIGINT NOT NULL
);

CREATE TABLE repositories (
  installation_id BIGINT NOT NULL,
  repository_id BIGINT NOT NULL,
  full_name TEXT NOT NULL,
  private BOOLEAN NOT NULL,
  PRIMARY KEY (installation_id, repository_id)
);
CREATE INDEX repositories_by_name ON repositories (lower(full_name));

CREATE TABLE pull_requests (
  installation_id BIGINT NOT NULL,
  pull_request_id BIGINT NOT NULL,
  repository_id BIGINT NOT NULL,
  node_id TEXT NOT NULL,
  number INTEGER NOT NULL,
  title TEXT NOT NULL,
  author_login TEXT NOT NULL,
  author_type TEXT NOT NULL,
  author_association TEXT,
  draft BOOLEAN NOT NULL,
  state TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  closed_at BIGINT,
  merged_at BIGINT,
  merged_by TEXT,
  milestone_id BIGINT,
  head_sha TEXT NOT NULL,
  head_ref TEXT NOT NULL,
  base_ref TEXT NOT NULL,
  labels TEXT NOT NULL,
  ready_at BIGINT,
  version_hash TEXT NOT NULL,
  PRIMARY KEY (installation_id, pull_request_id)
);
CREATE INDEX pull_requests_by_repo_created ON pull_requests (installation_id, repository_id, created_at);
CREATE INDEX pull_requests_by_repo_closed ON pull_requests (installation_id, repository_id, closed_at);
CREATE INDEX pull_requests_by_milestone ON pull_requests (installation_id, milestone_id, state);
CREATE INDEX pull_requests_open ON pull_requests (installation_id, repository_id, state);

CREATE TABLE pull_request_timeline (
  installation_id BIGINT NOT NULL,
  repository_id BIGINT NOT NULL,
  pull_request_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  at BIGINT NOT NULL,
  PRIMARY KEY (installation_id, pull_request_id, kind, at)
);

CREATE TABLE review_requests (
  installation_id BIGINT NOT NULL,
  repository_id BIGINT NOT NULL,
  pull_request_id BIGINT NOT NULL,
  reviewer TEXT NOT NULL,
  reviewer_type TEXT NOT NULL,
  requested_at BIGINT NOT NULL,
  requested_by TEXT,
  removed_at BIGINT,
  PRIMARY KEY (installation_id, pull_request_id, reviewer, requested_at)
);
CREATE INDEX review_requests_by_pull_request ON review_requests (installation_id, pull_request_id,
  requested_at, reviewer) INCLUDE (reviewer_type, repository_id, requested_by, removed_at);

CREATE TABLE review_request_removals (
  installation_id BIGINT NOT NULL,
  repository_id BIGINT NOT NULL,
  pull_request_id BIGINT NOT NULL,
  reviewer TEXT NOT NULL,
  removed_at BIGINT NOT NULL,
  PRIMARY KEY (installation_id, pull_request_id, reviewer, removed_at)
);

CREATE TABLE reviews (
  installation_id BIGINT NOT NULL,
  review_id BIGINT NOT NULL,
  repository_id BIGINT NOT NULL,
  pull_request_id BIGINT NOT NULL,
  reviewer_login TEXT NOT NULL,
  reviewer_type TEXT NOT NULL,
  author_association TEXT,
  state TEXT,
  dismissed BOOLEAN NOT NULL,
  submitted_at BIGINT NOT NULL,
  commit_id TEXT,
  PRIMARY KEY (installation_id, review_id)
);
CREATE INDEX reviews_by_pull_request ON reviews (installation_id, pull_request_id, submitted_at,
  review_id) INCLUDE (repository_id, reviewer_login, reviewer_type, author_association, state,
  dismissed, commit_id);

CREATE TABLE milestones (
  installation_id BIGINT NOT NULL,
  milestone_id BIGINT NOT NULL,
  repository_id BIGINT NOT NULL,
  number INTEGER NOT NULL,
  title TEXT NOT NULL,
  state TEXT NOT NULL,
  due_on BIGINT,
  closed_at BIGINT,
  updated_at BIGINT NOT NULL,
  deleted_at BIGINT,
  version_hash TEXT NOT NULL,
  PRIMARY KEY (installation_id, milestone_id)
);
CREATE INDEX milestones_by_repo ON milestones (installation_id, repository_id);

CREATE TABLE issues (
  installation_id BIGINT NOT NULL,
  issue_id BIGINT NOT NULL,
  repository_id BIGINT NOT NULL,
  number INTEGER NOT NULL,
  title TEXT NOT NULL,
  author_login TEXT NOT NULL,
  author_type TEXT NOT NULL,
  author_association TEXT NOT NULL,
  labels TEXT NOT NULL,
  state TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  closed_at BIGINT,
  milestone_id BIGINT,
  version_hash TEXT NOT NULL,
  PRIMARY KEY (installation_id, issue_id)
);
CREATE INDEX issues_by_repo_created ON issues (installation_id, repository_id, created_at);
CREATE INDEX issues_by_repo_closed ON issues (installation_id, repository_id, closed_at);
CREATE INDEX issues_by_milestone ON issues (installation_id, milestone_id);

CREATE TABLE issue_comments (
  installation_id BIGINT NOT NULL,
  comment_id BIGINT NOT NULL,
  repository_id BIGINT NOT NULL,
  issue_id BIGINT NOT NULL,
  author_login TEXT NOT NULL,
  author_type TEXT NOT NULL,
  author_association TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (installation_id, comment_id)
);
CREATE INDEX issue_comments_by_issue ON issue_comments (installation_id, issue_id);

CREATE TABLE deliveries (
  delivery_id TEXT PRIMARY KEY,
  installation_id BIGINT,
  repository_id BIGINT,
  event TEXT NOT NULL,
  action TEXT,
  received_at BIGINT NOT NULL
);

CREATE TABLE failed_deliveries (
  delivery_id TEXT PRIMARY KEY,
  installation_id BIGINT,
  repository_id BIGINT,
  event TEXT NOT NULL,
  payload TEXT NOT NULL,
  error TEXT NOT NULL,
  received_at BIGINT NOT NULL
);

CREATE TABLE publications (
  installation_id BIGINT NOT NULL,
  key TEXT NOT NULL,
  repository_id BIGINT,
  target_id BIGINT,
  content_hash TEXT NOT NULL,
  state TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (installation_id, key)
);

CREATE TABLE jobs (
  name TEXT PRIMARY KEY,
  installation_id BIGINT,
  repository_id BIGINT,
  next_run_at BIGINT,
  last_run_at BIGINT,
  lease_owner TEXT,
  lease_until BIGINT
);

CREATE TABLE backfill_cursors (
  installation_id BIGINT NOT NULL,
  repository_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  cursor TEXT,
  since BIGINT,
  done BOOLEAN NOT NULL DEFAULT FALSE,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (installation_id, repository_id, kind)
);

CREATE TABLE kept_settings (
  installation_id BIGINT NOT NULL,
  repository TEXT NOT NULL,
  settings TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (installation_id, repository)
);

CREATE TABLE publish_queue (
  installation_id BIGINT NOT NULL,
  repository_id BIGINT NOT NULL,
  subject TEXT NOT NULL,
  whole_milestone BOOLEAN NOT NULL,
  force BOOLEAN NOT NULL,
  version BIGINT NOT NULL,
  queued_at BIGINT NOT NULL,
  due_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL,
  lease_owner TEXT,
  lease_until BIGINT,
  last_error TEXT,
  PRIMARY KEY (installation_id, repository_id, subject)
);
CREATE INDEX publish_queue_by_due ON publish_queue (due_at);

CREATE TABLE dashboard_sessions (
  id_hash TEXT PRIMARY KEY,
  login TEXT NOT NULL,
  user_id BIGINT NOT NULL,
  sealed_token TEXT NOT NULL,
  form_token TEXT NOT NULL,
  expires_at BIGINT NOT NULL
);

CREATE TABLE sign_in_states (
  state TEXT PRIMARY KEY,
  return_to TEXT NOT NULL,
  expires_at BIGINT NOT NULL
);

-- Moves after every committed write of any replica: what dataVersion() reads.
CREATE SEQUENCE data_version;
`,
};
