import { EXPECTATIONS, type Verdict } from "../expectations/index.js";
import {
  activityInPeriod,
  type Figure,
  type MeasureContext,
  notMeasured,
  type Period,
  type Unit,
} from "../metrics/index.js";
import {
  type ReportInput,
  type ReviewActivityReport,
  reviewActivityReport,
} from "./review-activity-report.js";
import { type Better, TREND_MEASURES } from "./trend-measures.js";
import { describeTrendPeriods } from "./trend-periods.js";

/** One measure over the periods, oldest first, and how its latest value moved. */
export interface MeasureTrend {
  /** `pull_requests.merged`, `participation.share_reviewing`, `expectation:process.peer-reviews`… */
  id: string;
  section: "expectations" | "pull_requests" | "participation";
  label: string;
  /** The unit of every value, `previous` and `change`. */
  unit: Unit;
  better: Better;
  /** One value per period; null is a gap: nothing to measure, or nothing recorded then. */
  values: (number | null)[];
  /** For each gap, why (the figure's own reason in that period's report); null for a value. */
  not_measured: (string | null)[];
  /** For an expectation line: its verdict in each period. */
  statuses?: Verdict[];
  current: number | null;
  previous: number | null;
  /** current − previous; null when either is a gap. */
  change: number | null;
  direction: "up" | "down" | "same" | null;
  /** The change judged by the measure's `better`; null when it has none or there is no change to judge. */
  judgement: "better" | "worse" | "same" | null;
}

/** A scope's measures over consecutive periods: what `--format json` prints under `trends`. */
export interface ReportTrends {
  /** Oldest first; the last is the report's own period. */
  periods: { since: string; until: string }[];
  /** What the periods are: "calendar quarters", or periods of equal length and why. */
  spacing: string;
  measures: MeasureTrend[];
}

export interface TrendPeriodInput {
  period: Period;
  /** PRs and issues of each milestone, open and closed as of the period's end (or now). */
  milestoneItems: ReadonlyMap<number, { open: number; closed: number }>;
}

export interface TrendInput extends Omit<ReportInput, "context" | "milestoneItems"> {
  /** The activity of the whole span the periods cover, read once. */
  activity: ReportInput["activity"];
  context: Omit<MeasureContext, "period">;
  periods: readonly TrendPeriodInput[];
  /**
   * The period of the report these trends are part of: its point is that report as it is
   * shown, even with nothing recorded, so a report never contradicts its own trend.
   */
  reportPeriod?: Period;
}

/**
 * Each period's report, oldest first, from activity read once for the whole span: each is the
 * report of that period alone. A period in which the store holds no pull request or issue of
 * the scope is null (but the report's own period): nothing was recorded then (before the app
 * was installed, or the history imported), which is a gap in a trend, never a zero.
 */
export function periodReports(input: TrendInput): (ReviewActivityReport | null)[] {
  const { periods, context, activity, reportPeriod, ...rest } = input;
  const own = (period: Period) =>
    reportPeriod !== undefined &&
    period.since === reportPeriod.since &&
    period.until === reportPeriod.until;
  return [...periods]
    .sort((a, b) => a.period.since - b.period.since)
    .map(({ period, milestoneItems }) => {
      const slice = activityInPeriod(activity, period);
      if (slice.pullRequests.length === 0 && slice.issues.length === 0 && !own(period)) return null;
      return reviewActivityReport({
        ...rest,
        activity: slice,
        context: { ...context, period },
        milestoneItems,
      });
    });
}

const round = (value: number) => Math.round(value * 1000) / 1000;

function movement(
  values: readonly (number | null)[],
  better: Better,
): Pick<MeasureTrend, "current" | "previous" | "change" | "direction" | "judgement"> {
  const current = values.at(-1) ?? null;
  const previous = values.length > 1 ? (values.at(-2) ?? null) : null;
  if (current === null || previous === null)
    return { current, previous, change: null, direction: null, judgement: null };
  const change = round(current - previous);
  const direction = change > 0 ? "up" : change < 0 ? "down" : "same";
  const judgement =
    direction === "same"
      ? "same"
      : better === null
        ? null
        : direction === better
          ? "better"
          : "worse";
  return { current, previous, change, direction, judgement };
}

/**
 * The trends of a report's measures (the expectations table, the pull-request and participation
 * sections) over the given periods, oldest first, from the store's activity alone: each value is
 * exactly what that period's report shows. Plain data for the report, the CLI and the dashboard.
 */
export function reportTrends(input: TrendInput): ReportTrends {
  const ordered = [...input.periods].sort((a, b) => a.period.since - b.period.since);
  const reports = periodReports({ ...input, periods: ordered });
  const series = (
    head: Omit<
      MeasureTrend,
      "values" | "not_measured" | "current" | "previous" | "change" | "direction" | "judgement"
    >,
    figures: Figure[],
  ): MeasureTrend => {
    const values = figures.map((figure) => figure.value);
    return {
      ...head,
      values,
      not_measured: figures.map((figure) => figure.not_measured ?? null),
      ...movement(values, head.better),
    };
  };
  const nothingRecorded = (unit: Unit) => notMeasured(unit, "nothing recorded in this period");

  const expectations = EXPECTATIONS.flatMap((expectation) => {
    const headline = expectation.value;
    if (expectation.measure === null || !headline) return [];
    const found = reports.map((r) => r?.expectations.find((e) => e.id === expectation.id));
    return [
      series(
        {
          id: `expectation:${expectation.id}`,
          section: "expectations",
          label: expectation.measure,
          unit: headline.unit,
          better: headline.better,
          statuses: found.map((e) => e?.status ?? "not_measured"),
        },
        found.map((e) => e?.value ?? nothingRecorded(headline.unit)),
      ),
    ];
  });
  const measures = TREND_MEASURES.map(({ value, ...measure }) =>
    series(
      measure,
      reports.map((r) => (r === null ? nothingRecorded(measure.unit) : value(r))),
    ),
  );
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    periods: ordered.map(({ period }) => ({ since: iso(period.since), until: iso(period.until) })),
    spacing: describeTrendPeriods(
      ordered.map(({ period }) => period),
      input.context.calendar.timezone,
    ),
    measures: [...expectations, ...measures],
  };
}
