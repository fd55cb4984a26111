import { plural } from "../markdown/index.js";
import { describeTrendChange } from "./describe-trend-change.js";
import { formatValue } from "./format-figure.js";
import type { ReviewActivityReport } from "./review-activity-report.js";
import { VERDICT_MARK } from "./verdict-mark.js";

/**
 * The report's first section, what a lead reads in two minutes: each measurable ladder
 * expectation with its value, target and verdict (and the previous period's, with trends), how
 * each verdict is decided, and the expectations GitHub activity cannot measure. The catalogue's
 * text is ours, not user text.
 */
export function expectationsMarkdown(report: ReviewActivityReport): string[] {
  const measured = report.expectations.filter((e) => e.measure !== null);
  const unmeasurable = report.expectations.filter((e) => e.measure === null);
  const trends = report.trends;
  const lines = [
    "",
    "### Expectations",
    "",
    trends
      ? "| Ladder expectation | Measure | Value | Target | Verdict | Previous period | Change |"
      : "| Ladder expectation | Measure | Value | Target | Verdict |",
    trends ? "| --- | --- | --- | --- | --- | --- | --- |" : "| --- | --- | --- | --- | --- |",
  ];
  for (const e of measured) {
    const trend = trends?.measures.find((t) => t.id === `expectation:${e.id}`);
    const change = trends
      ? ` ${trend ? formatValue(trend.previous, trend.unit) : "–"} | ${trend ? describeTrendChange(trend) : "–"} |`
      : "";
    lines.push(
      `| ${e.area}: ${e.text} | ${e.measure ?? ""} | ${e.value_text} | ${e.target ?? "–"} | ${VERDICT_MARK[e.status]} |${change}`,
    );
  }
  lines.push(
    "",
    "<details><summary>How each verdict is decided</summary>",
    "",
    ...measured.map((e) => `- **${e.measure}**: ${e.details ?? ""} Verdict: ${e.rule ?? ""}.`),
    "",
    "</details>",
  );
  if (unmeasurable.length > 0) {
    lines.push(
      "",
      `<details><summary>${plural(unmeasurable.length, "expectation")} of the ladder cannot be measured from GitHub activity</summary>`,
      "",
      "| Area | Ladder expectation | Why |",
      "| --- | --- | --- |",
      ...unmeasurable.map((e) => `| ${e.area} | ${e.text} | ${e.reason ?? ""} |`),
      "",
      "</details>",
    );
  }
  return lines;
}
