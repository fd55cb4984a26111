import type { Figure } from "../metrics/index.js";
import type { ReviewActivityReport } from "./review-activity-report.js";

const COLUMNS = [
  "scope",
  "since",
  "until",
  "section",
  "subject",
  "measure",
  "value",
  "unit",
  "not_measured",
] as const;

type Cell = string | number | boolean | null;
type Row = Cell[];
/** The first three cells of a row: the scope and the period the figure is of. */
type Period = [scope: string, since: string, until: string];

/** A CSV field: quoted when needed, and never read as a formula by a spreadsheet. */
function field(value: Cell): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A figure's row: its value and unit, and why it has none when there was nothing to measure. */
function figureRow(
  period: Period,
  section: string,
  subject: string,
  measure: string,
  value: Figure,
): Row {
  return [
    ...period,
    section,
    subject,
    measure,
    value.value,
    value.unit,
    value.not_measured ?? null,
  ];
}

/** A row of words (a verdict, a direction, membership), with why it has none when it has not. */
function wordRow(
  period: Period,
  section: string,
  subject: string,
  measure: string,
  value: string | boolean | null,
  why: string | null = null,
): Row {
  return [...period, section, subject, measure, value, "text", why];
}

/** A row for each figure among an object's fields, named after its field. */
function figureRows(period: Period, section: string, subject: string, values: object): Row[] {
  return Object.entries(values).flatMap(([measure, value]) =>
    value !== null && typeof value === "object" && "unit" in value
      ? [figureRow(period, section, subject, measure, value as Figure)]
      : [],
  );
}

/** Each ladder expectation's verdict (with why, when not measured) and its value. */
function expectationRows(report: ReviewActivityReport, period: Period): Row[] {
  return report.expectations.flatMap((e) => [
    wordRow(
      period,
      "expectation",
      e.id,
      "status",
      e.status,
      e.status === "not_measured" ? (e.reason ?? e.value_text) : null,
    ),
    ...(e.value !== null ? [figureRow(period, "expectation", e.id, "value", e.value)] : []),
  ]);
}

/** Who reviewed: each person's figures and membership, the team's, and its top reviewer's. */
function participationRows(report: ReviewActivityReport, period: Period): Row[] {
  const { top_reviewer: top, ...participation } = report.participation;
  return [
    ...report.people.flatMap((person) => [
      ...figureRows(period, "person", person.login, person),
      wordRow(period, "person", person.login, "member", person.member),
    ]),
    ...figureRows(period, "participation", "", participation),
    ...(top
      ? [
          figureRow(period, "participation", top.login, "top_reviewer_reviews", top.reviews),
          figureRow(period, "participation", top.login, "top_reviewer_share", top.share),
        ]
      : []),
  ];
}

/** Each release (subject "owner/name milestone"): its date, status, open pull requests and figures. */
function releaseRows(report: ReviewActivityReport, period: Period): Row[] {
  return report.releases.flatMap((release) => {
    const subject = `${release.repository} ${release.milestone}`;
    return [
      [...period, "release", subject, "release_date", release.release_date, "date", null],
      wordRow(period, "release", subject, "status", release.status),
      figureRow(period, "release", subject, "open_pull_requests", {
        value: release.open_pull_requests.length,
        unit: "count",
      }),
      ...figureRows(period, "release", subject, release),
    ];
  });
}

/** Each trend's points, each a row of its own period, then its change rows, of this period. */
function trendRows(report: ReviewActivityReport, period: Period): Row[] {
  const periods = report.trends?.periods ?? [];
  return (report.trends?.measures ?? []).flatMap((trend) => [
    ...periods.flatMap((point, i) => {
      const at = [report.scope.name, point.since, point.until, "trend", trend.id];
      const status = trend.statuses?.[i];
      return [
        [...at, "value", trend.values[i] ?? null, trend.unit, trend.not_measured[i] ?? null],
        ...(status ? [[...at, "status", status, "text", null]] : []),
      ];
    }),
    [...period, "change", trend.id, "previous", trend.previous, trend.unit, null],
    [...period, "change", trend.id, "change", trend.change, trend.unit, null],
    wordRow(period, "change", trend.id, "direction", trend.direction),
    wordRow(period, "change", trend.id, "judgement", trend.judgement),
  ]);
}

/**
 * The report as CSV in long form, one figure per row
 * (`scope,since,until,section,subject,measure,value,unit,not_measured`), so that any spreadsheet
 * can pivot it and reports of several periods can simply be concatenated. Every row has its
 * unit: `ratio`, `count`, `business_hours`, `hours`, `days`, `date`, or `text` for words
 * (verdicts, directions, membership); a figure with nothing to measure has no value and says why.
 */
export function renderReportCsv(report: ReviewActivityReport): string {
  const period: Period = [report.scope.name, report.period.since, report.period.until];
  const { awaiting, ...customers } = report.customer_issues;
  const rows: Row[] = [
    ...expectationRows(report, period),
    ...figureRows(period, "pull_requests", "", report.pull_requests),
    ...figureRows(period, "review_requests", "", report.review_requests),
    ...participationRows(report, period),
    ...figureRows(period, "customer_issues", "", customers),
    figureRow(period, "customer_issues", "", "awaiting_first_response", {
      value: awaiting.length,
      unit: "count",
    }),
    figureRow(period, "unblock", "", "waiting_past_sla", {
      value: report.unblock.length,
      unit: "count",
    }),
    ...releaseRows(report, period),
    ...report.first_review_by_week.flatMap((week) =>
      figureRows(period, "first_review_by_week", week.week, week),
    ),
    ...trendRows(report, period),
  ];
  return `${[COLUMNS.join(","), ...rows.map((row) => row.map(field).join(","))].join("\r\n")}\r\n`;
}
