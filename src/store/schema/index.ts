import type { StoredRows, TableName } from "../stored-rows.js";
import {
  installations,
  issueComments,
  issues,
  milestones,
  pullRequests,
  pullRequestTimeline,
  repositories,
  reviewRequestRemovals,
  reviewRequests,
  reviews,
} from "./activity-tables.js";
import {
  backfillCursors,
  dashboardSessions,
  deliveries,
  failedDeliveries,
  jobs,
  keptSettings,
  pendingPurges,
  publications,
  publishQueue,
} from "./operation-tables.js";
import { recordGaps, recordMarks, redeliveryRequests, removals } from "./record-tables.js";
import type { TableDeclaration } from "./table.js";
import { repositoryOwners, teamMembers, teamRepositories, teams } from "./team-tables.js";

export { issueRecord, milestoneRecord, pullRequestRecord } from "./activity-tables.js";
export type { Migration } from "./migration.js";
export {
  type ColumnType,
  columnOf,
  type Intern,
  interner,
  type RowMapping,
  type TableDeclaration,
} from "./table.js";

/** Every table a backend keeps, declared once: its columns and its rows to and from them. */
export const TABLES: { [T in TableName]: TableDeclaration<StoredRows[T]> } = {
  installations,
  repositories,
  pull_requests: pullRequests,
  pull_request_timeline: pullRequestTimeline,
  review_requests: reviewRequests,
  review_request_removals: reviewRequestRemovals,
  reviews,
  milestones,
  issues,
  issue_comments: issueComments,
  deliveries,
  failed_deliveries: failedDeliveries,
  publications,
  jobs,
  backfill_cursors: backfillCursors,
  kept_settings: keptSettings,
  teams,
  team_members: teamMembers,
  team_repositories: teamRepositories,
  repository_owners: repositoryOwners,
  publish_queue: publishQueue,
  dashboard_sessions: dashboardSessions,
  pending_purges: pendingPurges,
  record_marks: recordMarks,
  record_gaps: recordGaps,
  redelivery_requests: redeliveryRequests,
  removals,
};
