import { formatValue } from "./format-figure.js";
import { mermaidChart } from "./mermaid-chart.js";
import type { MeasureTrend, ReportTrends } from "./report-trends.js";
import { VERDICT_MARK } from "./verdict-mark.js";

const AXIS: Record<MeasureTrend["unit"], string> = {
  ratio: "%",
  count: "Count",
  business_hours: "Business hours",
  hours: "Hours",
  days: "Business days",
  date: "Date",
};

/**
 * A series' value in one period: the figure, a dash when it has none, or the verdict when a
 * ladder line was judged without a headline number (breaches, and nothing answered).
 */
function periodCell(trend: MeasureTrend, i: number): string {
  const value = trend.values[i] ?? null;
  const status = trend.statuses?.[i];
  if (value === null && status !== undefined && status !== "not_measured")
    return VERDICT_MARK[status];
  return formatValue(value, trend.unit);
}

/**
 * The trends section of the report's markdown: one mermaid chart per measure that has a better
 * direction and two values or more, then every measure's series in a table. A period with
 * nothing to measure is left out of a chart (mermaid cannot draw a gap) and is "–" in the table.
 */
export function renderTrendMarkdown(
  trends: ReportTrends,
  periodLabel: (since: string) => string,
): string[] {
  const labels = trends.periods.map((p) => periodLabel(p.since));
  const out: string[] = [
    "",
    `### Trends: the last ${trends.periods.length} periods`,
    "",
    `Each point is that period's report, oldest first (${trends.spacing}, starting ${labels[0] ?? "–"} to ${labels.at(-1) ?? "–"}); a dash is a period with nothing to measure.`,
  ];
  for (const trend of trends.measures) {
    if (trend.better === null) continue;
    const points = trend.values.flatMap((value, i) =>
      value === null ? [] : [{ label: labels[i] as string, value }],
    );
    if (points.length < 2) continue;
    const gaps = trend.values.length - points.length;
    const scale = trend.unit === "ratio" ? 100 : 1;
    const better = trend.better === "down" ? "lower" : "higher";
    out.push(
      "",
      ...mermaidChart({
        title: `${trend.label} (${better} is better${gaps > 0 ? `; ${gaps} period(s) without data left out` : ""})`,
        labels: points.map((p) => p.label),
        yAxis: AXIS[trend.unit],
        series: "line",
        values: points.map((p) => Math.round(p.value * scale * 10) / 10),
      }),
    );
  }
  out.push(
    "",
    "<details><summary>Every measure, period by period</summary>",
    "",
    `| Measure | ${labels.join(" | ")} |`,
    `| --- | ${labels.map(() => "---:").join(" | ")} |`,
    ...trends.measures.map(
      (trend) => `| ${trend.label} | ${labels.map((_, i) => periodCell(trend, i)).join(" | ")} |`,
    ),
    "",
    "</details>",
  );
  return out;
}
