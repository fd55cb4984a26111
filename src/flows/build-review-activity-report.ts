import { calendarFromConfig, type ExpectationsConfig } from "../config/index.js";
import type { Period } from "../metrics/index.js";
import {
  type ReportInput,
  type ReportScope,
  type ReviewActivityReport,
  reportedMilestones,
  reviewActivityReport,
} from "../reports/index.js";
import type { Activity, ActivityReads, Millis, RepositoryRecord } from "../store/index.js";

export interface ReportRequest {
  installationId: number;
  scope: ReportScope;
  /** The repositories the report covers (one, or a team's). */
  repositories: readonly RepositoryRecord[];
  period: Period;
  now: Millis;
  config: ExpectationsConfig;
  /** A team's members from `reports.teams`; otherwise `team`, or inferred. */
  members?: readonly string[] | undefined;
  /** The report will be posted where anyone can read it: private repositories' data stays out. */
  publicTarget: boolean;
}

const EMPTY: Omit<Activity, "repositories"> = {
  pullRequests: [],
  reviews: [],
  reviewRequests: [],
  timeline: [],
  milestones: [],
  issues: [],
  issueComments: [],
};

/** Loads what the report needs from the store (no GitHub calls) and builds it. */
export async function buildReviewActivityReport(
  store: ActivityReads,
  request: ReportRequest,
): Promise<ReviewActivityReport> {
  return reviewActivityReport(await loadReportInput(store, request));
}

/** What a report of this scope and period is built from: the store's rows, and nothing else. */
export async function loadReportInput(
  store: ActivityReads,
  request: ReportRequest,
): Promise<ReportInput> {
  const { installationId, period, now, config } = request;
  const visible = request.publicTarget
    ? request.repositories.filter((repository) => !repository.private)
    : [...request.repositories];
  const activity: Activity =
    visible.length > 0
      ? await store.loadActivity({
          installationId,
          repositoryIds: visible.map((r) => r.repositoryId),
          since: period.since,
          until: period.until,
        })
      : { repositories: [], ...EMPTY };
  const at = Math.min(now, period.until);
  const calendar = calendarFromConfig(config);
  const context = { period, now, calendar, bots: config.bots };
  const milestoneIds = reportedMilestones(activity.milestones, context).map((m) => m.milestoneId);
  const milestoneItems =
    milestoneIds.length > 0
      ? await store.countMilestoneItems(installationId, milestoneIds, at)
      : new Map<number, { open: number; closed: number }>();
  return {
    scope: request.scope,
    activity,
    context,
    config,
    members: request.members,
    milestoneItems,
    excludedPrivateRepositories: request.repositories.length - visible.length,
  };
}
