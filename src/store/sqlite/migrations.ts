/**
 * The SQLite store's numbered schema migrations, applied in order at start-up. SQLite's own SQL
 * (each backend has its own migrations): INTEGER (64-bit) ids and epoch milliseconds, 0/1 for
 * booleans, JSON text for label lists, and every row keyed by installation.
 * Append new migrations; never edit one that has shipped.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
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
  },
  {
    version: 3,
    name: "report read paths",
    // A period's report reads PRs open in it (by closing time) and every review and request of
    // those PRs; covering indexes keep each PR's rows together, so no row is fetched at random.
    sql: `
CREATE INDEX pull_requests_by_repo_closed ON pull_requests (installation_id, repository_id, closed_at);
CREATE INDEX issues_by_repo_closed ON issues (installation_id, repository_id, closed_at);
CREATE INDEX issues_by_milestone ON issues (installation_id, milestone_id);
CREATE INDEX reviews_by_pull_request_covering ON reviews (installation_id, pull_request_id,
  submitted_at, review_id, repository_id, reviewer_login, reviewer_type, author_association, state,
  dismissed, commit_id);
DROP INDEX reviews_by_pull_request;
CREATE INDEX review_requests_by_pull_request_covering ON review_requests (installation_id,
  pull_request_id, requested_at, reviewer, reviewer_type, repository_id, requested_by, removed_at);
`,
  },
  {
    version: 4,
    name: "lighter delivery log",
    // Delivery ids are only ever looked up by id; a second index made every delivery's commit
    // write one more page.
    sql: "DROP INDEX deliveries_by_installation;",
  },
  {
    version: 5,
    name: "delivery log keyed by id alone",
    // One b-tree keyed by the delivery id instead of a rowid table plus an index on the id:
    // each delivery's commit writes one page less.
    sql: `
CREATE TABLE deliveries_by_id (
  delivery_id TEXT PRIMARY KEY,
  installation_id INTEGER,
  event TEXT NOT NULL,
  action TEXT,
  received_at INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO deliveries_by_id SELECT delivery_id, installation_id, event, action, received_at FROM deliveries;
DROP TABLE deliveries;
ALTER TABLE deliveries_by_id RENAME TO deliveries;
`,
  },
  {
    version: 6,
    name: "no first response on issues",
    // Metrics find an issue's first response among its comments; these copies were never read.
    sql: `
ALTER TABLE issues DROP COLUMN first_response_at;
ALTER TABLE issues DROP COLUMN first_response_by;
`,
  },
  {
    version: 7,
    name: "rows of a repository carry its id",
    // Removing an installation or a repository removes its delivery log, failed deliveries,
    // publications and jobs too. Jobs stored before this carry their scope only in their names
    // (`release-readiness:<installation>:<repository>`, `review-activity:<installation>:…`):
    // read it from there once. A job only leased, never scheduled, has no next run (was 0).
    // No index on the delivery log's installation: removals are rare, every delivery writes it.
    sql: `
ALTER TABLE deliveries ADD COLUMN repository_id INTEGER;
ALTER TABLE failed_deliveries ADD COLUMN repository_id INTEGER;
ALTER TABLE publications ADD COLUMN repository_id INTEGER;
CREATE TABLE scoped_jobs (
  name TEXT PRIMARY KEY,
  installation_id INTEGER,
  repository_id INTEGER,
  next_run_at INTEGER,
  last_run_at INTEGER,
  lease_owner TEXT,
  lease_until INTEGER
);
INSERT INTO scoped_jobs (name, next_run_at, last_run_at, lease_owner, lease_until)
  SELECT name, NULLIF(next_run_at, 0), last_run_at, lease_owner, lease_until FROM jobs;
DROP TABLE jobs;
ALTER TABLE scoped_jobs RENAME TO jobs;
UPDATE jobs SET
  installation_id = CAST(substr(name, 19, instr(substr(name, 19), ':') - 1) AS INTEGER),
  repository_id = CAST(substr(name, 19 + instr(substr(name, 19), ':')) AS INTEGER)
WHERE name GLOB 'release-readiness:[0-9]*:[0-9]*';
UPDATE jobs SET installation_id = CAST(substr(name, 17, instr(substr(name, 17), ':') - 1) AS INTEGER)
WHERE name GLOB 'review-activity:[0-9]*:*';
UPDATE jobs SET repository_id = CAST(substr(name, instr(name, ':repository:') + 12) AS INTEGER)
WHERE name GLOB 'review-activity:[0-9]*:repository:[0-9]*';
`,
  },
  {
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
  },
  {
    version: 9,
    name: "teams from GitHub",
    // Teams named by `github_team`, who was in them when (a JSON list of spans per person), the
    // repositories they may reach, and the teams each repository's CODEOWNERS names for `*`.
    sql: `
CREATE TABLE teams (
  installation_id INTEGER NOT NULL,
  team_id INTEGER NOT NULL,
  organization TEXT NOT NULL,
  slug TEXT NOT NULL,
  name TEXT NOT NULL,
  parent_team_id INTEGER,
  updated_at INTEGER NOT NULL,
  deleted_at INTEGER,
  members_known_at INTEGER,
  PRIMARY KEY (installation_id, team_id)
);
CREATE INDEX teams_by_organization ON teams (installation_id, organization, slug);

CREATE TABLE team_members (
  installation_id INTEGER NOT NULL,
  team_id INTEGER NOT NULL,
  login TEXT NOT NULL,
  spans TEXT NOT NULL,
  PRIMARY KEY (installation_id, team_id, login)
);

CREATE TABLE team_repositories (
  installation_id INTEGER NOT NULL,
  team_id INTEGER NOT NULL,
  repository_id INTEGER NOT NULL,
  full_name TEXT NOT NULL,
  PRIMARY KEY (installation_id, team_id, repository_id)
);

CREATE TABLE repository_owners (
  installation_id INTEGER NOT NULL,
  repository_id INTEGER NOT NULL,
  teams TEXT NOT NULL,
  read_at INTEGER NOT NULL,
  PRIMARY KEY (installation_id, repository_id)
);
`,
  },
  {
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
  },
  {
    version: 11,
    name: "kept settings by repository id",
    // Names change, and a new repository may take an old name: settings are the repository's
    // by id, and go with it. Those kept by name are dropped rather than guessed at (a name may
    // be a newer repository's now); each repository's are read again at its next event or
    // daily run.
    sql: `
DROP TABLE kept_settings;
CREATE TABLE kept_settings (
  installation_id INTEGER NOT NULL,
  repository_id INTEGER NOT NULL,
  settings TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (installation_id, repository_id)
);
`,
  },
  {
    version: 12,
    name: "no sign-in states",
    // A sign-in's state waits in a signed cookie of the browser that started it: starting one
    // writes nothing.
    sql: "DROP TABLE sign_in_states;",
  },
  {
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
  },
  {
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
  },
];
