import { calendarFromConfig } from "../config/index.js";
import type { Period } from "../metrics/index.js";
import { type ReportInput, reportedMilestones, type TrendInput } from "../reports/index.js";
import type { Activity, ActivityReads, RecordKeeping, RepositoryRecord } from "../store/index.js";
import type { BusinessCalendar } from "../time/index.js";
import type { ReportRequest } from "./build-review-activity-report.js";

const EMPTY: Omit<Activity, "repositories"> = {
  pullRequests: [],
  reviews: [],
  reviewRequests: [],
  timeline: [],
  milestones: [],
  issues: [],
  issueComments: [],
};

/** The repositories whose rows a report may use: private ones stay out of a public report. */
function visibleRepositories(request: Pick<ReportRequest, "repositories" | "publicTarget">) {
  return request.publicTarget
    ? request.repositories.filter((repository) => !repository.private)
    : [...request.repositories];
}

async function loadActivity(
  store: ActivityReads,
  installationId: number,
  visible: readonly RepositoryRecord[],
  span: Period,
): Promise<Activity> {
  return visible.length > 0
    ? store.loadActivity({
        installationId,
        repositoryIds: visible.map((r) => r.repositoryId),
        since: span.since,
        until: span.until,
      })
    : { repositories: [], ...EMPTY };
}

/** Milestone item counts as of the period's end (or now): what its releases are judged on. */
async function milestoneItemsOf(
  store: ActivityReads,
  request: Pick<ReportRequest, "installationId" | "now" | "config">,
  activity: Activity,
  period: Period,
  calendar: BusinessCalendar,
): Promise<ReadonlyMap<number, { open: number; closed: number }>> {
  const { installationId, now, config } = request;
  const context = { period, now, calendar, bots: config.bots };
  const milestoneIds = reportedMilestones(activity.milestones, context).map((m) => m.milestoneId);
  return milestoneIds.length > 0
    ? store.countMilestoneItems(installationId, milestoneIds, Math.min(now, period.until))
    : new Map<number, { open: number; closed: number }>();
}

/** What a report reads: activity, and where the record may be incomplete. */
export type ReportReads = ActivityReads & Pick<RecordKeeping, "listRecordGaps">;

/** What a report of this scope and period is built from: the store's rows, and nothing else. */
export async function loadReportInput(
  store: ReportReads,
  request: ReportRequest,
): Promise<ReportInput> {
  const { installationId, period, now, config } = request;
  const visible = visibleRepositories(request);
  const activity = await loadActivity(store, installationId, visible, period);
  const calendar = calendarFromConfig(config);
  return {
    scope: request.scope,
    activity,
    context: { period, now, calendar, bots: config.bots },
    config,
    members: request.members,
    memberSpans: request.memberSpans,
    milestoneItems: await milestoneItemsOf(store, request, activity, period, calendar),
    excludedPrivateRepositories: request.repositories.length - visible.length,
    recordGaps: await store.listRecordGaps(installationId),
  };
}

/** What the trends over `periods` are built from: one read of the span they cover. */
export async function loadTrendInput(
  store: ReportReads,
  request: Omit<ReportRequest, "period" | "earlierPeriods">,
  periods: readonly Period[],
): Promise<TrendInput> {
  const { installationId, now, config } = request;
  const visible = visibleRepositories(request);
  const span = {
    since: Math.min(...periods.map((p) => p.since)),
    until: Math.max(...periods.map((p) => p.until)),
  };
  const activity = await loadActivity(store, installationId, visible, span);
  // One calendar for every period: its day tables are built once.
  const calendar = calendarFromConfig(config);
  const withItems = [];
  for (const period of periods)
    withItems.push({
      period,
      milestoneItems: await milestoneItemsOf(store, request, activity, period, calendar),
    });
  return {
    scope: request.scope,
    activity,
    context: { now, calendar, bots: config.bots },
    config,
    members: request.members,
    memberSpans: request.memberSpans,
    periods: withItems,
    excludedPrivateRepositories: request.repositories.length - visible.length,
    recordGaps: await store.listRecordGaps(installationId),
  };
}
