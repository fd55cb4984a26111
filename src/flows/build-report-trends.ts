import type { Period } from "../metrics/index.js";
import { type ReportTrends, reportTrends } from "../reports/index.js";
import type { ReportRequest } from "./build-review-activity-report.js";
import { loadTrendInput, type ReportReads } from "./load-report-input.js";

/** The trends of a scope over `periods`, from one read of the store (no GitHub calls). */
export async function buildReportTrends(
  store: ReportReads,
  request: Omit<ReportRequest, "period" | "earlierPeriods">,
  periods: readonly Period[],
): Promise<ReportTrends> {
  return reportTrends(await loadTrendInput(store, request, periods));
}
