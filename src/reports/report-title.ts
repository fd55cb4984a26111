import { localDateOf } from "../time/index.js";
import type { ReviewActivityReport } from "./review-activity-report.js";

/**
 * `Review activity: <repo or team> <since> – <until>`, dates in the team's time zone. Issue
 * titles are plain text; a team name from config still gets its `@` broken, so it can never
 * read as a mention wherever the title is quoted.
 */
export function reportTitle(report: ReviewActivityReport): string {
  const tz = report.time_zone;
  const name = report.scope.name.replace(/\s+/g, " ").trim().replace(/@/g, "@\u200b");
  const date = (iso: string) => localDateOf(Date.parse(iso), tz);
  return `Review activity: ${name} ${date(report.period.since)} – ${date(report.period.until)}`;
}
