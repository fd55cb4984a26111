import type { Migration } from "../../schema/index.js";

export const reportReadPaths: Migration = {
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
};
