export { earlierScheduledPeriods } from "./earlier-scheduled-periods.js";
export { formatFigure, formatValue } from "./format-figure.js";
export { type PersonLadder, personLadder } from "./person-ladder.js";
export { type ReleaseSettings, releaseSummaries } from "./release-summaries.js";
export { renderReportCsv } from "./render-report-csv.js";
export { type MarkdownOptions, renderReportMarkdown } from "./render-report-markdown.js";
export { reportTitle } from "./report-title.js";
export {
  type MeasureTrend,
  periodReports,
  type ReportTrends,
  reportTrends,
  type TrendInput,
  type TrendPeriodInput,
} from "./report-trends.js";
export { reportedMilestones } from "./reported-milestones.js";
export {
  type ReportInput,
  type ReportPerson,
  type ReportScope,
  type ReportWaitingItem,
  type ReviewActivityReport,
  reviewActivityReport,
} from "./review-activity-report.js";
export { scheduledPeriod } from "./scheduled-period.js";
export { type Better, TREND_MEASURES, type TrendMeasure } from "./trend-measures.js";
export { TREND_PERIODS, trendPeriods } from "./trend-periods.js";
export { VERDICT_MARK } from "./verdict-mark.js";
