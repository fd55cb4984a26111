import type { Migration } from "../../schema/index.js";
import { firstSchema } from "./01-first-schema.js";
import { teamsFromGithub } from "./02-teams-from-github.js";
import { keptSettingsByRepositoryId } from "./03-kept-settings-by-repository-id.js";
import { noSignInStates } from "./04-no-sign-in-states.js";
import { purgesWaitingForGithubsConfirmation } from "./05-purges-waiting-for-githubs-confirmation.js";
import { aCompleteRecord } from "./06-a-complete-record.js";

/**
 * The PostgreSQL store's numbered schema migrations, applied in order at start-up under an
 * advisory lock (replicas starting together wait for one another), one file each. BIGINT ids and
 * epoch milliseconds, BOOLEAN flags, JSON text for label lists, and every row keyed by
 * installation: the tables declared in `store/schema/`, as SQLite's migrations make them too
 * (test/store/schema.test.ts compares them). Append new migrations; never edit one that has shipped.
 */
export const postgresMigrations: readonly Migration[] = [
  firstSchema,
  teamsFromGithub,
  keptSettingsByRepositoryId,
  noSignInStates,
  purgesWaitingForGithubsConfirmation,
  aCompleteRecord,
];
