export { type ReleaseSettings, releaseSummaries } from "./release-summaries.js";
export { renderReportCsv } from "./render-report-csv.js";
export { type MarkdownOptions, renderReportMarkdown } from "./render-report-markdown.js";
export { reportTitle } from "./report-title.js";
export { reportedMilestones } from "./reported-milestones.js";
export {
  type ReportInput,
  type ReportPerson,
  type ReportScope,
  type ReviewActivityReport,
  reviewActivityReport,
} from "./review-activity-report.js";
export { scheduledPeriod } from "./scheduled-period.js";
