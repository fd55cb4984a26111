import type { ReviewActivityReport } from "./review-activity-report.js";
import { localDate } from "./render-report-markdown.js";

/**
 * `Review activity: <repo or team> <since> – <until>`, dates in the team's time zone. Issue
 * titles are plain text on GitHub: a mention there notifies nobody and markup stays literal.
 */
export function reportTitle(report: ReviewActivityReport): string {
  const tz = report.time_zone;
  const name = report.scope.name.replace(/\s+/g, " ").trim();
  return `Review activity: ${name} ${localDate(report.period.since, tz)} – ${localDate(report.period.until, tz)}`;
}
