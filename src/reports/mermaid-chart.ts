/** A label for a mermaid chart: quoted, without the characters that would end or break it. */
function chartLabel(value: string): string {
  return `"${value.replace(/["\\\n\r]/g, "")}"`;
}

/** A mermaid `xychart-beta` of one series, drawn as bars or as a line, fenced for GitHub. */
export function mermaidChart(chart: {
  title: string;
  labels: readonly string[];
  yAxis: string;
  series: "bar" | "line";
  values: readonly (number | string | null)[];
}): string[] {
  return [
    "```mermaid",
    "xychart-beta",
    `  title ${chartLabel(chart.title)}`,
    `  x-axis [${chart.labels.map(chartLabel).join(", ")}]`,
    `  y-axis ${chartLabel(chart.yAxis)}`,
    `  ${chart.series} [${chart.values.join(", ")}]`,
    "```",
  ];
}
