import type { Migration } from "../../schema/index.js";
import { activityRecords } from "./01-activity-records.js";
import { reportReadPaths } from "./03-report-read-paths.js";
import { lighterDeliveryLog } from "./04-lighter-delivery-log.js";
import { deliveryLogKeyedByIdAlone } from "./05-delivery-log-keyed-by-id-alone.js";
import { noFirstResponseOnIssues } from "./06-no-first-response-on-issues.js";
import { rowsOfARepositoryCarryItsId } from "./07-rows-of-a-repository-carry-its-id.js";
import { keptSettings } from "./08-kept-settings.js";
import { teamsFromGithub } from "./09-teams-from-github.js";
import { publishQueueAndDashboardSessions } from "./10-publish-queue-and-dashboard-sessions.js";
import { keptSettingsByRepositoryId } from "./11-kept-settings-by-repository-id.js";
import { noSignInStates } from "./12-no-sign-in-states.js";
import { purgesWaitingForGithubsConfirmation } from "./13-purges-waiting-for-githubs-confirmation.js";
import { aCompleteRecord } from "./14-a-complete-record.js";

/**
 * The SQLite store's numbered schema migrations, applied in order at start-up, one file each.
 * SQLite's own SQL (each backend has its own migrations): INTEGER (64-bit) ids and epoch
 * milliseconds, 0/1 for booleans, JSON text for label lists, and every row keyed by installation.
 * Append new migrations; never edit one that has shipped. The tables they make are the ones
 * declared in `store/schema/` (test/store/schema.test.ts compares them).
 */
export const migrations: readonly Migration[] = [
  activityRecords,
  reportReadPaths,
  lighterDeliveryLog,
  deliveryLogKeyedByIdAlone,
  noFirstResponseOnIssues,
  rowsOfARepositoryCarryItsId,
  keptSettings,
  teamsFromGithub,
  publishQueueAndDashboardSessions,
  keptSettingsByRepositoryId,
  noSignInStates,
  purgesWaitingForGithubsConfirmation,
  aCompleteRecord,
];
