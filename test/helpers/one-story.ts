import assert from "node:assert/strict";
import { parse } from "csv-parse/sync";
import type { ExpectationResult } from "../../src/expectations/index.js";
import type { Figure } from "../../src/metrics/index.js";
import {
  formatValue,
  type MeasureTrend,
  type ReviewActivityReport,
  TREND_MEASURES,
  VERDICT_MARK,
} from "../../src/reports/index.js";

/** The three outputs of one report, as a person gets them from `expectations report`. */
export interface ReportOutputs {
  markdown: string;
  json: string;
  csv: string;
}

const UNITS = new Set(["ratio", "count", "business_hours", "hours", "days", "date", "text"]);
// Numbers that are not measures: GitHub's own numbers, and the settings echoed as they are.
const IDENTIFIERS = new Set(["number", "milestone_number"]);

type CsvRow = Record<
  | "scope"
  | "since"
  | "until"
  | "section"
  | "subject"
  | "measure"
  | "value"
  | "unit"
  | "not_measured",
  string
>;

const isFigure = (value: unknown): value is Figure =>
  value !== null && typeof value === "object" && "unit" in value && "value" in value;

/** A figure as a CSV row writes it: the value (empty when none) and why it has none. */
const csvOf = (figure: Figure) => ({
  value: figure.value === null ? "" : String(figure.value),
  unit: figure.unit,
  not_measured: figure.not_measured ?? "",
});

/** Every number of the JSON is a figure with a unit (or an identifier, a setting, a series). */
function assertUnits(value: unknown, path: string): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      assertUnits(item, `${path}[${i}]`);
    });
    return;
  }
  if (value === null || typeof value !== "object") {
    if (typeof value === "number")
      assert.fail(`${path} is a bare number (${value}): every JSON value carries its unit`);
    return;
  }
  if (isFigure(value)) {
    assert.ok(UNITS.has(value.unit), `${path}.unit ${value.unit}`);
    if (value.value === null)
      assert.match(value.not_measured ?? "", /\S/, `${path}: not measured, and why?`);
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    if (IDENTIFIERS.has(key) || path === "$.sla") continue;
    // A trend series carries its unit once for all its values.
    if (
      path.startsWith("$.trends.measures[") &&
      ["values", "current", "previous", "change"].includes(key)
    )
      continue;
    assertUnits(item, `${path}.${key}`);
  }
}

/** The line of the markdown (a table row, a list item) that starts with `start`. */
function lineStarting(lines: readonly string[], start: string): string | undefined {
  return lines.find((line) => line.startsWith(start));
}

/** What evidence a "met" needs, line by line: something measured against the target. */
function evidenceFor(line: ExpectationResult, report: ReviewActivityReport): boolean {
  const count = (figure: Figure) => figure.value ?? 0;
  switch (line.id) {
    case "process.review-process":
    case "project.reviews-with-team":
      return count(report.pull_requests.merged) > 0;
    case "process.peer-reviews":
      return count(report.participation.members_who_reviewed) > 0;
    case "project.unblock-timely":
      return count(report.review_requests.answered) > 0;
    case "customer.timely-help":
      return count(report.customer_issues.first_responses) > 0;
    case "project.avoid-escalations":
      return (
        count(report.review_requests.answered) +
          count(report.pull_requests.first_reviews) +
          count(report.customer_issues.first_responses) >
        0
      );
    case "customer.rca":
      return count(report.customer_issues.closed) > 0;
    case "project.no-pending-prs":
      return report.releases.some(
        (r) => r.passed_in_period || (!r.passed && r.inside_warning_window),
      );
    case "project.plan-holidays":
      return report.releases.some((r) => r.passed_in_period || !r.passed);
    case "project.monitor-progress":
      return report.releases.some((r) => r.milestone_state === "open");
    default:
      return false;
  }
}

/**
 * Reads one report's markdown, JSON and CSV and asserts that they tell one story: the same value
 * everywhere, not measured everywhere alike (and with its reason), "met" only with evidence,
 * counts that add up, and a unit on every exported number.
 */
export function assertOneStory(outputs: ReportOutputs): void {
  const report = JSON.parse(outputs.json) as ReviewActivityReport;
  const rows = parse(outputs.csv, { columns: true }) as CsvRow[];
  const { markdown } = outputs;
  const lines = markdown.split("\n");
  const byKey = new Map<string, CsvRow[]>();
  for (const row of rows) {
    const key = [row.section, row.subject, row.measure, row.since].join("\u0000");
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  const csvRow = (section: string, subject: string, measure: string, since = report.period.since) =>
    byKey.get([section, subject, measure, since].join("\u0000")) ?? [];
  const sameInCsv = (section: string, subject: string, measure: string, figure: Figure) => {
    const found = csvRow(section, subject, measure);
    assert.equal(found.length, 1, `${section} ${subject} ${measure}: one row in the CSV`);
    assert.deepEqual(
      { value: found[0]?.value, unit: found[0]?.unit, not_measured: found[0]?.not_measured },
      csvOf(figure),
      `${section} ${subject} ${measure}: the CSV says what the JSON says`,
    );
  };
  const contains = (text: string) =>
    assert.ok(markdown.includes(text), `the markdown says "${text}"`);

  // Units: every JSON number is a figure; every CSV row has a unit.
  assertUnits(report, "$");
  for (const row of rows) assert.ok(UNITS.has(row.unit), `CSV unit "${row.unit}"`);

  // Every section's figures are the CSV's rows, value, unit and reason alike.
  for (const section of ["pull_requests", "review_requests", "customer_issues"] as const)
    for (const [measure, figure] of Object.entries(report[section]))
      if (isFigure(figure)) sameInCsv(section, "", measure, figure);
  for (const [measure, figure] of Object.entries(report.participation))
    if (isFigure(figure)) sameInCsv("participation", "", measure, figure);
  for (const person of report.people)
    for (const [measure, figure] of Object.entries(person))
      if (isFigure(figure)) sameInCsv("person", person.login, measure, figure);

  // Counts add up.
  const v = (figure: Figure) => figure.value ?? 0;
  const c = report.customer_issues;
  assert.equal(
    v(c.first_responses) + v(c.closed_without_response) + v(c.still_awaiting),
    c.opened.value,
    "customer issues opened = answered + closed without a response + awaiting",
  );
  assert.ok(v(c.sla_breaches) >= v(c.closed_without_response), "closing silently is a breach");
  const r = report.review_requests;
  assert.equal(
    v(r.answered) + v(r.unanswered) + v(r.pending),
    r.requests.value,
    "review requests = answered + unanswered + pending",
  );
  for (const person of report.people)
    assert.equal(
      v(person.requests_answered) + v(person.requests_unanswered) + v(person.requests_pending),
      person.requests_received.value,
      `${person.login}'s requests = answered + unanswered + pending`,
    );
  const prs = report.pull_requests;
  if (prs.merged_without_approval.value !== null) {
    assert.ok(v(prs.merged_without_review) <= prs.merged_without_approval.value);
    assert.ok(prs.merged_without_approval.value <= v(prs.merged));
  } else assert.equal(prs.merged.value, 0, "approvals not measured only when nothing merged");
  assert.ok(v(report.participation.members_who_reviewed) <= v(report.participation.members));

  // A figure shared by a verdict and a section is one figure.
  const line = (id: string) => report.expectations.find((e) => e.id === id) as ExpectationResult;
  assert.deepEqual(line("process.peer-reviews").value, report.participation.share_reviewing);
  assert.deepEqual(line("process.review-process").value, prs.merged_without_approval);
  assert.deepEqual(line("project.unblock-timely").value, r.p90_answer_hours);
  assert.equal(line("customer.timely-help").value?.value, c.median_first_response_hours.value);

  for (const e of report.expectations) {
    // Not measured everywhere alike, with its reason; met only with evidence.
    if (e.status === "not_measured" && e.value !== null) {
      assert.equal(e.value.value, null, `${e.id}: not measured has no value`);
      assert.equal(e.value.not_measured, e.value_text, `${e.id}: the reason is the line's`);
    }
    if (e.status === "met") {
      assert.notEqual(e.value?.value ?? null, null, `${e.id}: met with a value`);
      assert.ok(evidenceFor(e, report), `${e.id}: met with evidence`);
    }
    // The CSV: the status and the value.
    assert.equal(csvRow("expectation", e.id, "status")[0]?.value, e.status, `${e.id} in the CSV`);
    if (e.value !== null) sameInCsv("expectation", e.id, "value", e.value);
    // The markdown: the line reads the JSON's value text and verdict; its percentages are the ratio's.
    if (e.measure !== null) {
      const row = lineStarting(lines, `| ${e.area}: ${e.text} | ${e.measure} | `) ?? "";
      const cells = `| ${e.value_text} | ${e.target ?? "–"} | ${VERDICT_MARK[e.status]} |`;
      assert.ok(row.includes(cells), `${e.id} in the markdown reads ${cells}`);
      const percent = /\((\d+)%\)/.exec(e.value_text)?.[1];
      if (e.value?.unit === "ratio" && e.value.value !== null && percent !== undefined)
        assert.equal(
          Number(percent),
          Math.round(e.value.value * 100),
          `${e.id}: the percentage is the ratio's`,
        );
    }
  }

  // The markdown's sections show the same figures.
  const f = (figure: Figure) => formatValue(figure.value, figure.unit);
  contains(
    `, ${f(prs.merged)} merged, ${f(prs.closed_unmerged)} closed without merging, ${f(prs.open)} open at the end of the period.`,
  );
  contains(
    prs.merged_without_approval.value === null
      ? `not measured (${prs.merged_without_approval.not_measured})`
      : `Merged without an approval: ${f(prs.merged_without_approval)} (by their own author: ${f(prs.self_merged_without_approval)}); without any review: ${f(prs.merged_without_review)}.`,
  );
  const share = report.participation.share_reviewing;
  if ((report.participation.members.value ?? 0) > 0)
    contains(
      share.value === null
        ? `reviewed at least one PR; the share is not measured (${share.not_measured}).`
        : `reviewed at least one PR (${f(share)}).`,
    );
  if ((c.opened.value ?? 0) > 0)
    contains(
      `; ${f(c.closed_without_response)} closed without a response; ${f(c.still_awaiting)} still awaiting one. ${f(c.sla_breaches)} SLA breach`,
    );

  // Trends: the last point is this report's own figure, in every output.
  const trends = report.trends;
  if (!trends) return;
  const last = trends.periods.length - 1;
  const own = (trend: MeasureTrend): { figure: Figure; status?: string } => {
    if (trend.section === "expectations") {
      const e = line(trend.id.replace(/^expectation:/, ""));
      return { figure: e.value as Figure, status: e.status };
    }
    const measure = TREND_MEASURES.find((m) => m.id === trend.id);
    if (!measure) throw new Error(`no trend measure ${trend.id}`);
    return { figure: measure.value(report) };
  };
  for (const trend of trends.measures) {
    const { figure, status } = own(trend);
    assert.deepEqual(
      [trend.values[last], trend.not_measured[last], trend.unit],
      [figure.value, figure.not_measured ?? null, figure.unit],
      `${trend.id}: the trend's last point is the report's own figure`,
    );
    if (status) assert.equal(trend.statuses?.[last], status, `${trend.id}: the verdict`);
    trends.periods.forEach((period, i) => {
      const point = csvRow("trend", trend.id, "value", period.since);
      assert.equal(point.length, 1, `${trend.id} ${period.since}: one row in the CSV`);
      assert.equal(point[0]?.value, trend.values[i] === null ? "" : String(trend.values[i]));
      assert.equal(point[0]?.not_measured, trend.not_measured[i] ?? "");
      assert.equal(trend.values[i] === null, trend.not_measured[i] !== null, "a gap says why");
    });
    // The change tables of the sections show this period's figure, or a dash when it has none.
    if (trend.section !== "expectations")
      contains(
        `| ${trend.label} | ${formatValue(trend.current, trend.unit)} | ${formatValue(trend.previous, trend.unit)} |`,
      );
  }
  // The period-by-period table: each row ends with this period's cell.
  const table = lines.slice(
    lines.indexOf("<details><summary>Every measure, period by period</summary>"),
  );
  for (const trend of trends.measures) {
    const row = lineStarting(table, `| ${trend.label} |`) ?? "";
    const cells = row
      .split("|")
      .slice(1, -1)
      .map((cell) => cell.trim());
    const value = trend.values[last] ?? null;
    const status = trend.statuses?.[last];
    assert.equal(
      cells.at(-1),
      value === null && status !== undefined && status !== "not_measured"
        ? VERDICT_MARK[status]
        : formatValue(value, trend.unit),
      `${trend.id}: this period in the period table`,
    );
  }
}
