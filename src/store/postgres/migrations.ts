/**
 * The PostgreSQL store's numbered schema migrations, applied in order at start-up under an
 * advisory lock (replicas starting together wait for one another). BIGINT ids and epoch
 * milliseconds, BOOLEAN flags, JSON text for label lists, and every row keyed by installation;
 * the same tables and columns as SQLite's, so one row layout serves both.
 * Append new migrations; never edit one that has shipped.
 */
export interface PostgresMigration {
  version: number;
  name: string;
  sql: string;
}

export const postgresMigrations: readonly PostgresMigration[] = [
  {
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
  },
  {
    version: 2,
    name: "teams from GitHub",
    // Teams named by `github_team`, who was in them when (a JSON list of spans per person), the
    // repositories they may reach, and the teams each repository's CODEOWNERS names for `*`.
    sql: `
CREATE TABLE teams (
  installation_id BIGINT NOT NULL,
  team_id BIGINT NOT NULL,
  organization TEXT NOT NULL,
  slug TEXT NOT NULL,
  name TEXT NOT NULL,
  parent_team_id BIGINT,
  updated_at BIGINT NOT NULL,
  deleted_at BIGINT,
  members_known_at BIGINT,
  PRIMARY KEY (installation_id, team_id)
);
CREATE INDEX teams_by_organization ON teams (installation_id, organization, slug);

CREATE TABLE team_members (
  installation_id BIGINT NOT NULL,
  team_id BIGINT NOT NULL,
  login TEXT NOT NULL,
  spans TEXT NOT NULL,
  PRIMARY KEY (installation_id, team_id, login)
);

CREATE TABLE team_repositories (
  installation_id BIGINT NOT NULL,
  team_id BIGINT NOT NULL,
  repository_id BIGINT NOT NULL,
  full_name TEXT NOT NULL,
  PRIMARY KEY (installation_id, team_id, repository_id)
);

CREATE TABLE repository_owners (
  installation_id BIGINT NOT NULL,
  repository_id BIGINT NOT NULL,
  teams TEXT NOT NULL,
  read_at BIGINT NOT NULL,
  PRIMARY KEY (installation_id, repository_id)
);
`,
  },
  {
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
  },
  {
    version: 4,
    name: "no sign-in states",
    // A sign-in's state waits in a signed cookie of the browser that started it: starting one
    // writes nothing.
    sql: "DROP TABLE sign_in_states;",
  },
  {
    version: 5,
    name: "purges waiting for GitHub's confirmation",
    // An uninstall or a repository removal, kept until GitHub confirms it (a delivery's event
    // name is not signed), and retried with a back-off while GitHub cannot say.
    sql: `
CREATE TABLE pending_purges (
  installation_id BIGINT NOT NULL,
  subject TEXT NOT NULL,
  repository_id BIGINT,
  full_name TEXT,
  delivery_id TEXT NOT NULL,
  requested_at BIGINT NOT NULL,
  due_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL,
  last_error TEXT,
  PRIMARY KEY (installation_id, subject)
);
CREATE INDEX pending_purges_by_due ON pending_purges (due_at);
`,
  },
  {
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
  },
];
