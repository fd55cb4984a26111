import type { Migration } from "../../schema/index.js";

export const rowsOfARepositoryCarryItsId: Migration = {
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
};
