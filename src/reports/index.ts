export { buildPersonLadder } from "./build-person-ladder.js";
export {
  buildReviewActivityReport,
  type ReportRequest,
} from "./build-review-activity-report.js";
export { escapeMarkdown, formatLogin } from "./escape-markdown.js";
export { type PersonLadder, personLadder } from "./person-ladder.js";
export {
  publishReviewActivityReport,
  type ReportPublication,
  reportIssueKey,
} from "./publish-review-activity-report.js";
export { type ReleaseSettings, releaseSummaries } from "./release-summaries.js";
export { renderReportCsv } from "./render-report-csv.js";
export {
  localDate,
  localDateTime,
  type MarkdownOptions,
  renderReportMarkdown,
} from "./render-report-markdown.js";
export { reportTitle } from "./report-title.js";
export {
  type ReportInput,
  type ReportPerson,
  type ReportScope,
  type ReportWaitingItem,
  type ReviewActivityReport,
  reviewActivityReport,
  roundHours,
} from "./review-activity-report.js";
export { scheduledPeriod } from "./scheduled-period.js";
export { GITHUB_BODY_LIMIT, splitReportBody } from "./split-report-body.js";
