import { formatValue } from "./format-figure.js";
import type { MeasureTrend } from "./report-trends.js";

const CHANGE_MARK = { up: "↑", down: "↓", same: "=" } as const;

/** "↓ 3.5 h, better": the change since the previous period, judged for the measure. */
export function describeTrendChange(trend: MeasureTrend): string {
  if (trend.direction === null || trend.change === null) return "–";
  if (trend.direction === "same") return "= same";
  const size =
    trend.unit === "ratio"
      ? `${Math.round(Math.abs(trend.change) * 100)} pts`
      : formatValue(Math.abs(trend.change), trend.unit);
  const judged =
    trend.judgement === "better" || trend.judgement === "worse" ? `, ${trend.judgement}` : "";
  return `${CHANGE_MARK[trend.direction]} ${size}${judged}`;
}
