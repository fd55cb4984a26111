import type { ActivityReads } from "../store.js";

export type { ReadDialect } from "./read-dialect.js";

import { loadActivity } from "./load-activity.js";
import { milestoneReads } from "./milestone-reads.js";
import { pullRequestReads } from "./pull-request-reads.js";
import { type ReadDialect, selectIn } from "./read-dialect.js";
import { repositoryReads } from "./repository-reads.js";

/** The activity reads of an SQL store, written once over its backend's dialect. */
export function activityReads(dialect: ReadDialect): Omit<ActivityReads, "dataVersion"> {
  const select = selectIn(dialect);
  return {
    ...repositoryReads(select, dialect),
    ...pullRequestReads(select),
    ...milestoneReads(select, dialect),
    loadActivity: (query) => loadActivity(select, query),
  };
}
