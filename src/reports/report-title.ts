import { localDate } from "./render-report-markdown.js";
import type { ReviewActivityReport } from "./review-activity-report.js";

/**
 * `Review activity: <repo or team> <since> – <until>`, dates in the team's time zone. Issue
 * titles are plain text; a team name from config still gets its `@` broken, so it can never
 * read as a mention wherever the title is quoted.
 */
export function reportTitle(report: ReviewActivityReport): string {
  const tz = report.time_zone;
  const name = report.scope.name.replace(/\s+/g, " ").trim().replace(/@/g, "@\u200b");
  return `Review activity: ${name} ${localDate(report.period.since, tz)} – ${localDate(report.period.until, tz)}`;
}
