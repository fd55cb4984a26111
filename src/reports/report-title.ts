import { inclusiveDateRange } from "../time/index.js";
import type { ReviewActivityReport } from "./review-activity-report.js";

/**
 * `Review activity: <repo or team> 1 July – 30 September 2019`, the dates in the team's time
 * zone with the last one included, as people count them. Issue titles are plain text; a team
 * name from config still gets its `@` broken, so it can never read as a mention wherever the
 * title is quoted.
 */
export function reportTitle(report: ReviewActivityReport): string {
  const name = report.scope.name.replace(/\s+/g, " ").trim().replace(/@/g, "@\u200b");
  const dates = inclusiveDateRange(
    Date.parse(report.period.since),
    Date.parse(report.period.until),
    report.time_zone,
  );
  return `Review activity: ${name} ${dates}`;
}
