/**
 * The events GitHub sends this App: those `app.yml` subscribes to, and the installation events
 * every App gets. Only deliveries of these are ever asked for again.
 */
export const SUBSCRIBED_EVENTS: ReadonlySet<string> = new Set([
  "check_run",
  "check_suite",
  "installation",
  "installation_repositories",
  "issue_comment",
  "issues",
  "membership",
  "milestone",
  "organization",
  "pull_request",
  "pull_request_review",
  "push",
  "team",
  "team_add",
]);
