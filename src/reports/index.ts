export { escapeMarkdown, formatLogin } from "./escape-markdown.js";
export { renderReportMarkdown } from "./render-report-markdown.js";
export { type RepositoryReport, repositoryReport } from "./repository-report.js";
