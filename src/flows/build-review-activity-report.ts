import type { ExpectationsConfig } from "../config/index.js";
import { activityInPeriod, type Period } from "../metrics/index.js";
import {
  type ReportScope,
  type ReviewActivityReport,
  reportTrends,
  reviewActivityReport,
} from "../reports/index.js";
import type { MembershipSpan, Millis, RepositoryRecord } from "../store/index.js";
import { loadReportInput, loadTrendInput, type ReportReads } from "./load-report-input.js";

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
  /** A team from GitHub: when each member was in it (see `resolveReportTeam`). */
  memberSpans?: ReadonlyMap<string, readonly MembershipSpan[]> | undefined;
  /** The report will be posted where anyone can read it: private repositories' data stays out. */
  publicTarget: boolean;
  /** The periods before `period` whose figures the report's trends show; none: no trends. */
  earlierPeriods?: readonly Period[] | undefined;
}

/** Loads what the report needs from the store (no GitHub calls) and builds it. */
export async function buildReviewActivityReport(
  store: ReportReads,
  request: ReportRequest,
): Promise<ReviewActivityReport> {
  const earlier = request.earlierPeriods ?? [];
  if (earlier.length === 0) return reviewActivityReport(await loadReportInput(store, request));
  // One read for the whole span; the report is its own period's part of it.
  const input = await loadTrendInput(store, request, [...earlier, request.period]);
  const own = input.periods.find((p) => p.period === request.period);
  const report = reviewActivityReport({
    ...input,
    activity: activityInPeriod(input.activity, request.period),
    context: { ...input.context, period: request.period },
    milestoneItems: own?.milestoneItems ?? new Map(),
  });
  return { ...report, trends: reportTrends({ ...input, reportPeriod: request.period }) };
}
