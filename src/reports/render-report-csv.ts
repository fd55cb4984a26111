import type { ReviewActivityReport } from "./review-activity-report.js";

const COLUMNS = ["scope", "since", "until", "section", "subject", "measure", "value"] as const;

/** A CSV field: quoted when needed, and never read as a formula by a spreadsheet. */
function field(value: string | number | boolean | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The report as CSV in long form, one figure per row
 * (`scope,since,until,section,subject,measure,value`), so that any spreadsheet can pivot it and
 * reports of several periods can simply be concatenated.
 */
export function renderReportCsv(report: ReviewActivityReport): string {
  const rows: (string | number | boolean | null)[][] = [];
  const base = [report.scope.name, report.period.since, report.period.until];
  const add = (
    section: string,
    subject: string,
    measure: string,
    value: string | number | boolean | null,
  ) => rows.push([...base, section, subject, measure, value]);

  for (const e of report.expectations) {
    add("expectation", e.id, "status", e.status);
    if (e.value !== null) add("expectation", e.id, "value", e.value);
  }
  for (const [measure, value] of Object.entries(report.pull_requests))
    add("pull_requests", "", measure, value);
  for (const [measure, value] of Object.entries(report.review_requests))
    add("review_requests", "", measure, value);
  for (const person of report.people) {
    for (const [measure, value] of Object.entries(person)) {
      if (measure !== "login") add("person", person.login, measure, value);
    }
  }
  const { top_reviewer: top, ...participation } = report.participation;
  for (const [measure, value] of Object.entries(participation))
    add("participation", "", measure, value);
  if (top) add("participation", top.login, "top_reviewer_reviews", top.reviews);
  const { awaiting, ...customers } = report.customer_issues;
  for (const [measure, value] of Object.entries(customers))
    add("customer_issues", "", measure, value);
  add("customer_issues", "", "awaiting_first_response", awaiting.length);
  add("unblock", "", "waiting_past_sla", report.unblock.length);
  for (const release of report.releases) {
    const subject = `${release.repository} ${release.milestone}`;
    add("release", subject, "release_date", release.release_date);
    add("release", subject, "status", release.status);
    add("release", subject, "open_pull_requests", release.open_pull_requests.length);
    add("release", subject, "open_items", release.open_items);
    add("release", subject, "closed_items", release.closed_items);
  }
  for (const week of report.first_review_by_week) {
    add("first_review_by_week", week.week, "median_hours", week.median_hours);
    add("first_review_by_week", week.week, "count", week.count);
  }
  // Each trend point is a row of its own period; the change rows are of this period.
  for (const trend of report.trends?.measures ?? []) {
    report.trends?.periods.forEach((period, i) => {
      const point = [report.scope.name, period.since, period.until, "trend", trend.id];
      rows.push([...point, "value", trend.values[i] ?? null]);
      const status = trend.statuses?.[i];
      if (status) rows.push([...point, "status", status]);
    });
    add("change", trend.id, "previous", trend.previous);
    add("change", trend.id, "change", trend.change);
    add("change", trend.id, "direction", trend.direction);
    add("change", trend.id, "judgement", trend.judgement);
  }
  return `${[COLUMNS.join(","), ...rows.map((row) => row.map(field).join(","))].join("\r\n")}\r\n`;
}
