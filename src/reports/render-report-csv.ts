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

/** A CSV field: quoted when needed, and never read as a formula by a spreadsheet. */
function field(value: Cell): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The report as CSV in long form, one figure per row
 * (`scope,since,until,section,subject,measure,value,unit,not_measured`), so that any spreadsheet
 * can pivot it and reports of several periods can simply be concatenated. Every row has its
 * unit: `ratio`, `count`, `business_hours`, `hours`, `days`, `date`, or `text` for words
 * (verdicts, directions, membership); a figure with nothing to measure has no value and says why.
 */
export function renderReportCsv(report: ReviewActivityReport): string {
  const rows: Cell[][] = [];
  const base = [report.scope.name, report.period.since, report.period.until];
  const figure = (section: string, subject: string, measure: string, value: Figure) =>
    rows.push([
      ...base,
      section,
      subject,
      measure,
      value.value,
      value.unit,
      value.not_measured ?? null,
    ]);
  const word = (
    section: string,
    subject: string,
    measure: string,
    value: string | boolean | null,
    why: string | null = null,
  ) => rows.push([...base, section, subject, measure, value, "text", why]);
  const figures = (section: string, subject: string, values: object) => {
    for (const [measure, value] of Object.entries(values))
      if (value !== null && typeof value === "object" && "unit" in value)
        figure(section, subject, measure, value as Figure);
  };

  for (const e of report.expectations) {
    word(
      "expectation",
      e.id,
      "status",
      e.status,
      e.status === "not_measured" ? (e.reason ?? e.value_text) : null,
    );
    if (e.value !== null) figure("expectation", e.id, "value", e.value);
  }
  figures("pull_requests", "", report.pull_requests);
  figures("review_requests", "", report.review_requests);
  for (const person of report.people) {
    figures("person", person.login, person);
    word("person", person.login, "member", person.member);
  }
  const { top_reviewer: top, ...participation } = report.participation;
  figures("participation", "", participation);
  if (top) {
    figure("participation", top.login, "top_reviewer_reviews", top.reviews);
    figure("participation", top.login, "top_reviewer_share", top.share);
  }
  const { awaiting, ...customers } = report.customer_issues;
  figures("customer_issues", "", customers);
  figure("customer_issues", "", "awaiting_first_response", {
    value: awaiting.length,
    unit: "count",
  });
  figure("unblock", "", "waiting_past_sla", { value: report.unblock.length, unit: "count" });
  for (const release of report.releases) {
    const subject = `${release.repository} ${release.milestone}`;
    rows.push([...base, "release", subject, "release_date", release.release_date, "date", null]);
    word("release", subject, "status", release.status);
    figure("release", subject, "open_pull_requests", {
      value: release.open_pull_requests.length,
      unit: "count",
    });
    figures("release", subject, release);
  }
  for (const week of report.first_review_by_week) figures("first_review_by_week", week.week, week);
  // Each trend point is a row of its own period; the change rows are of this period.
  for (const trend of report.trends?.measures ?? []) {
    report.trends?.periods.forEach((period, i) => {
      const point = [report.scope.name, period.since, period.until, "trend", trend.id];
      rows.push([
        ...point,
        "value",
        trend.values[i] ?? null,
        trend.unit,
        trend.not_measured[i] ?? null,
      ]);
      const status = trend.statuses?.[i];
      if (status) rows.push([...point, "status", status, "text", null]);
    });
    rows.push([...base, "change", trend.id, "previous", trend.previous, trend.unit, null]);
    rows.push([...base, "change", trend.id, "change", trend.change, trend.unit, null]);
    word("change", trend.id, "direction", trend.direction);
    word("change", trend.id, "judgement", trend.judgement);
  }
  return `${[COLUMNS.join(","), ...rows.map((row) => row.map(field).join(","))].join("\r\n")}\r\n`;
}
