import type { ExpectationResult } from "../expectations/index.js";
import { plural } from "../markdown/index.js";
import type { Period } from "../metrics/index.js";
import { formatReleaseDate } from "../release/index.js";
import {
  formatFigure,
  formatValue,
  type ReportTrends,
  type ReviewActivityReport,
} from "../reports/index.js";
import { localDateOf } from "../time/index.js";
import type { Figure } from "./computed-cache.js";
import { dashboardPaths } from "./dashboard-paths.js";
import type { DashboardScope } from "./dashboard-scopes.js";
import { type Html, html } from "./html.js";
import { lineChart } from "./line-chart.js";
import { badge, dateTime, figureMissing, login, shortDate, tile } from "./page-parts.js";

export interface TeamPageData {
  scope: DashboardScope;
  /** The current period first, then the earlier ones. */
  periods: readonly Period[];
  chosen: number;
  report: Figure<ReviewActivityReport>;
  trends: Figure<ReportTrends>;
  webUrl: string;
}

const hours = (value: number | null) => formatValue(value, "business_hours");
const f = formatFigure;

/** The verdict of a ladder line, to colour the tile of the figure it judges the same way. */
function verdictOf(report: ReviewActivityReport, id: string): string | undefined {
  const status = report.expectations.find((line) => line.id === id)?.status;
  return status === "not_measured" ? undefined : status;
}

// A lead reads the longest waits first; a page of thousands of rows helps nobody.
const LIST_MAX = 50;

/** "all 12, longest first" or "the 50 of 2,084 waiting longest". */
function shownOf(total: number, order: string): string {
  return total <= LIST_MAX
    ? `${total === 1 ? "one" : `all ${total}`}, ${order}`
    : `the ${LIST_MAX} of ${total.toLocaleString("en-US")} ${order}`;
}

/** "2019-09-23 – 2019-09-30", or the current one "so far". */
export function periodLabel(periods: readonly Period[], index: number, timeZone: string): string {
  const period = periods[index] as Period;
  const since = localDateOf(period.since, timeZone);
  if (index === 0) return `This period so far (since ${since})`;
  return `${since} – ${localDateOf(period.until, timeZone)}`;
}

/** A GET form to choose the period (no script): the current one, or one of the earlier ones. */
export function periodPicker(
  action: string,
  periods: readonly Period[],
  chosen: number,
  timeZone: string,
): Html {
  return html`<form class="period" method="get" action="${action}">
    <label for="period">Period</label>
    <select id="period" name="period">${periods.map(
      (_, i) =>
        html`<option value="${i}"${i === chosen ? html` selected` : ""}>${periodLabel(periods, i, timeZone)}</option>`,
    )}</select>
    <button type="submit">Show</button>
  </form>`;
}

function expectationsTable(lines: readonly ExpectationResult[]): Html {
  return html`${ladderTable(lines.filter((line) => line.measure !== null))}
  <h3>What activity cannot show</h3>
  ${unmeasurableTable(lines.filter((line) => line.measure === null))}`;
}

/** Measured ladder lines: the measure and its rule, the value, the target and the verdict. */
export function ladderTable(lines: readonly ExpectationResult[]): Html {
  return html`<div class="table-wrap"><table>
    <thead><tr><th scope="col">Area</th><th scope="col">Ladder expectation</th><th scope="col">Measure</th><th scope="col">Value</th><th scope="col">Target</th><th scope="col">Verdict</th></tr></thead>
    <tbody>${lines.map(
      (line) => html`<tr>
      <td>${line.area}</td>
      <td>${line.text}</td>
      <td>${line.measure}${line.rule ? html`<div class="rule">${line.rule}</div>` : ""}</td>
      <td>${line.value_text}</td>
      <td>${line.target ?? "–"}</td>
      <td>${badge(line.status)}</td>
    </tr>`,
    )}</tbody>
  </table></div>`;
}

/** The ladder's lines no repository activity shows, and why. */
export function unmeasurableTable(lines: readonly ExpectationResult[]): Html {
  return html`<div class="table-wrap"><table>
    <thead><tr><th scope="col">Area</th><th scope="col">Ladder expectation</th><th scope="col">Why it is not measured</th></tr></thead>
    <tbody>${lines.map(
      (line) =>
        html`<tr><td>${line.area}</td><td>${line.text}</td><td>${line.reason ?? line.value_text}</td></tr>`,
    )}</tbody>
  </table></div>`;
}

function pullRequestsSection(report: ReviewActivityReport): Html {
  const pr = report.pull_requests;
  const bots = pr.opened_by_bots.value ?? 0;
  const reviewedUnapproved =
    (pr.merged_without_approval.value ?? 0) - (pr.merged_without_review.value ?? 0);
  return html`<div class="tiles">
    ${tile(f(pr.opened), "opened")}
    ${tile(f(pr.merged), "merged")}
    ${tile(f(pr.closed_unmerged), "closed without merging")}
    ${tile(f(pr.open), "open at the end")}
    ${tile(f(pr.median_time_to_first_review_hours), "time to first review, median")}
    ${tile(f(pr.p90_time_to_first_review_hours), "time to first review, 90th percentile")}
    ${tile(f(pr.median_cycle_time_hours), "ready to merge, median")}
    ${tile(f(pr.merged_without_approval), "merged without approval", verdictOf(report, "process.review-process"))}
    ${tile(f(pr.self_merged_without_approval), "of them self-merged", (pr.self_merged_without_approval.value ?? 0) > 0 ? "missed" : undefined)}
    ${tile(f(pr.merged_without_review), "merged without any review", verdictOf(report, "project.reviews-with-team"))}
  </div>
  <p class="muted">Business hours (${report.business_time}); wall-clock medians: first review ${f(pr.median_time_to_first_review_wall_hours)}, ready to merge ${f(pr.median_cycle_time_wall_hours)}. ${pr.merged_without_approval.value === null ? `Approvals and reviews of merged pull requests: not measured (${pr.merged_without_approval.not_measured}).` : reviewedUnapproved > 0 ? `${plural(reviewedUnapproved, "merged pull request")} had a review but no approval: counted as reviewed, not as approved.` : ""} ${bots > 0 ? `${plural(bots, "pull request")} by bots counted apart.` : ""}</p>`;
}

function participationSection(report: ReviewActivityReport, scope: DashboardScope): Html {
  const people = [...report.people].sort((a, b) => a.login.localeCompare(b.login));
  const p = report.participation;
  return html`<p>${f(p.members_who_reviewed)} of ${plural(p.members.value ?? 0, "member")} reviewed at least one pull request${p.share_reviewing.value === null ? `; the share is not measured (${p.share_reviewing.not_measured})` : ` (${f(p.share_reviewing)})`}; ${plural(p.reviews.value ?? 0, "review")} in all${p.top_reviewer ? `, the most by one person ${f(p.top_reviewer.share)} of them` : ""}. ${report.members.inferred ? "Members are inferred from activity (no team list in the settings)." : ""}</p>
  ${
    people.length === 0
      ? html`<p class="muted">Nobody reviewed or was asked to review in this period.</p>`
      : html`<div class="table-wrap"><table>
    <caption>Listed by name: the dashboard never ranks people.</caption>
    <thead><tr><th scope="col">Person</th><th scope="col" class="number">Reviews</th><th scope="col" class="number">PRs reviewed</th><th scope="col" class="number">Requests</th><th scope="col" class="number">Answered</th><th scope="col" class="number">Unanswered</th><th scope="col" class="number">Pending</th><th scope="col" class="number">Answer time, median</th><th scope="col" class="number">90th percentile</th></tr></thead>
    <tbody>${people.map(
      (person) => html`<tr>
      <td><a href="${dashboardPaths.person(scope.path, person.login)}">${login(person.login)}</a>${person.member ? "" : html` <span class="muted">(not a member)</span>`}</td>
      <td class="number">${f(person.reviews)}</td>
      <td class="number">${f(person.prs_reviewed)}</td>
      <td class="number">${f(person.requests_received)}</td>
      <td class="number">${f(person.requests_answered)}</td>
      <td class="number">${f(person.requests_unanswered)}</td>
      <td class="number">${f(person.requests_pending)}</td>
      <td class="number">${f(person.median_request_answer_hours)}</td>
      <td class="number">${f(person.p90_request_answer_hours)}</td>
    </tr>`,
    )}</tbody>
  </table></div>`
  }`;
}

/** Review requests and first reviews waiting past the SLA now (the report's unblock list). */
export function unblockTable(
  items: ReviewActivityReport["unblock"],
  webUrl: string,
  timeZone: string,
  empty: string,
): Html {
  if (items.length === 0) return html`<p class="muted">${empty}</p>`;
  return html`<div class="table-wrap"><table>
    <caption>${shownOf(items.length, "waiting longest first")}</caption>
    <thead><tr><th scope="col">Pull request</th><th scope="col">Author</th><th scope="col">Waiting on</th><th scope="col">Since</th><th scope="col" class="number">Business hours</th><th scope="col" class="number">SLA</th></tr></thead>
    <tbody>${items.slice(0, LIST_MAX).map(
      (item) => html`<tr>
      <td><a href="${`${webUrl}/${item.repository}/pull/${item.number}`}">${item.repository}#${item.number}</a> ${item.title}</td>
      <td>${login(item.author)}</td>
      <td>${item.waiting_on ? login(item.waiting_on) : html`<span class="muted">a first review (nobody asked)</span>`}</td>
      <td>${localDateOf(Date.parse(item.since), timeZone)}</td>
      <td class="number">${f(item.business_hours)}</td>
      <td class="number">${f(item.sla_hours)}</td>
    </tr>`,
    )}</tbody>
  </table></div>`;
}

function customerSection(report: ReviewActivityReport, webUrl: string): Html {
  const c = report.customer_issues;
  return html`<div class="tiles">
    ${tile(f(c.opened), "customer issues opened")}
    ${tile(f(c.first_responses), "answered")}
    ${tile(f(c.median_first_response_hours), "first response, median")}
    ${tile(f(c.closed_without_response), "closed without a response", (c.closed_without_response.value ?? 0) > 0 ? "missed" : undefined)}
    ${tile(f(c.sla_breaches), "SLA breaches (closing without a response is one)", verdictOf(report, "customer.timely-help"))}
    ${tile(c.awaiting.length, "awaiting a first response", c.awaiting.length > 0 ? "at_risk" : undefined)}
    ${tile(`${f(c.closed_with_rca)} of ${f(c.closed)}`, "closed customer bugs with an RCA")}
  </div>
  <p class="muted">SLA ${report.sla.customer_first_response_business_hours} business hours (${report.business_time}).</p>
  ${
    c.awaiting.length === 0
      ? ""
      : html`<div class="table-wrap"><table>
    <caption>Awaiting a first response from the team: ${shownOf(c.awaiting.length, "longest first")}</caption>
    <thead><tr><th scope="col">Issue</th><th scope="col">Opened by</th><th scope="col" class="number">Business hours</th><th scope="col">SLA</th></tr></thead>
    <tbody>${c.awaiting.slice(0, LIST_MAX).map(
      (issue) => html`<tr>
      <td><a href="${`${webUrl}/${issue.repository}/issues/${issue.number}`}">${issue.repository}#${issue.number}</a> ${issue.title}</td>
      <td>${login(issue.author)}</td>
      <td class="number">${f(issue.business_hours)}</td>
      <td>${issue.over_sla ? badge("missed") : badge("on_track")}</td>
    </tr>`,
    )}</tbody>
  </table></div>`
  }`;
}

/** Releases as a report sees them: each milestone with a due date and its open pull requests. */
function releasesTable(releases: ReviewActivityReport["releases"]): Html {
  if (releases.length === 0)
    return html`<p class="muted">No milestone with a due date is open or was due in this period.</p>`;
  return html`<div class="table-wrap"><table>
    <thead><tr><th scope="col">Release</th><th scope="col">Release date</th><th scope="col" class="number">Business days left</th><th scope="col">Status</th><th scope="col" class="number">Open PRs</th><th scope="col" class="number">Open at the release date</th></tr></thead>
    <tbody>${releases.map(
      (release) => html`<tr>
      <td><a href="${dashboardPaths.milestone(release.repository, release.milestone_number)}">${release.milestone}</a> <span class="muted">${release.repository}</span></td>
      <td>${formatReleaseDate(release.release_date)}</td>
      <td class="number">${release.passed ? "passed" : f(release.business_days_left)}</td>
      <td>${badge(release.status)}</td>
      <td class="number">${release.open_pull_requests.length}</td>
      <td class="number">${f(release.pending_at_release_date)}</td>
    </tr>`,
    )}</tbody>
  </table></div>`;
}

function escalationSection(report: ReviewActivityReport): Html {
  const late = report.customer_issues.awaiting.filter((issue) => issue.over_sla);
  const releases = report.releases.filter((r) => r.status === "at_risk" || r.status === "missed");
  if (late.length === 0 && releases.length === 0)
    return html`<p class="muted">No customer issue past its first-response SLA, no release at risk.</p>`;
  return html`<ul>
    ${late.map((issue) => html`<li>Customer issue ${issue.repository}#${issue.number} has waited ${f(issue.business_hours)} for a first response (SLA ${hours(report.sla.customer_first_response_business_hours)}).</li>`)}
    ${releases.map((release) => html`<li>${release.repository} · ${release.milestone} (${formatReleaseDate(release.release_date)}) ${badge(release.status)}: ${plural(release.open_pull_requests.length, "pull request")} open.</li>`)}
  </ul>`;
}

function trendsSection(figure: Figure<ReportTrends>, timeZone: string): Html {
  if (figure.state !== "ready") return figureMissing(figure, "the earlier periods");
  const trends = figure.value;
  // Volumes (PRs opened, reviews given) are in the period's own sections; the charts follow
  // the measures that have a better direction.
  const measures = trends.measures.filter((t) => t.section !== "expectations" && t.better !== null);
  const verdicts = trends.measures.filter((t) => t.section === "expectations");
  const labels = trends.periods.map((period) =>
    shortDate(localDateOf(Date.parse(period.since), timeZone)),
  );
  return html`<p class="muted">The last ${plural(labels.length, "period")} before this one, oldest first; each point is that period's report, and a period with nothing to measure is a gap.</p>
  <div class="charts">${measures.map((series) =>
    lineChart({
      id: `trend-${series.id.replace(/[^a-z_]/g, "-")}`,
      title: series.label,
      axis: "Period from",
      labels,
      values: series.values,
      unit: series.unit,
      compact: true,
      note: series.better === "down" ? "Lower is better." : "Higher is better.",
    }),
  )}</div>
  <h3>Verdicts period by period</h3>
  <div class="table-wrap"><table class="verdict-grid">
    <caption>Each measurable ladder line's verdict in each period (a dash: not measured).</caption>
    <thead><tr><th scope="col">Measure</th>${labels.map((label) => html`<th scope="col">${label}</th>`)}</tr></thead>
    <tbody>${verdicts.map(
      (series) =>
        html`<tr><th scope="row">${series.label}</th>${(series.statuses ?? []).map((status) => html`<td>${badge(status, true)}</td>`)}</tr>`,
    )}</tbody>
  </table></div>`;
}

/** A team's (or repository's) page: the review-activity report's sections and its trends. */
export function renderTeam(data: TeamPageData): Html {
  const { scope, report, webUrl } = data;
  const tz = scope.config.timezone;
  const head = html`<div class="crumbs"><a href="${dashboardPaths.overview}">Releases and teams</a> › ${scope.kind === "team" ? "Team" : "Repository"}</div>
  <h1>${scope.name}</h1>
  <p class="lead">${scope.kind === "team" ? html`Team of ${plural(scope.repositories.length, "repository", "repositories")} you can see: ${scope.repositories.map((r, i) => html`${i > 0 ? ", " : ""}<a href="${`${webUrl}/${r.fullName}`}">${r.fullName}</a>`)}.` : html`<a href="${`${webUrl}/${scope.name}`}">${scope.name} on GitHub</a>.`} ${scope.settingsSince === null ? "Default settings: the app has not read this repository's .github/expectations.yml yet." : `Settings as the app read them on ${dateTime(scope.settingsSince, tz)}.`}</p>
  ${periodPicker(scope.path, data.periods, data.chosen, tz)}`;
  if (report.state !== "ready") return html`${head}${figureMissing(report, "this period")}`;
  const r = report.value;
  return html`${head}
  <p class="muted">${data.chosen === 0 ? "So far, as of" : "Judged as of"} ${dateTime(r.as_of, tz)}${report.fresh ? "" : "; newer activity is being counted"}.</p>
  <h2>Expectations</h2>
  ${expectationsTable(r.expectations)}
  <h2>Pull requests</h2>
  ${pullRequestsSection(r)}
  <h2>Review participation</h2>
  ${participationSection(r, scope)}
  <h2>Waiting on someone past the SLA</h2>
  ${unblockTable(r.unblock, webUrl, tz, "Nobody waits on a review past the SLA.")}
  <h2>Escalation risks</h2>
  ${escalationSection(r)}
  <h2>Customer issues</h2>
  ${customerSection(r, webUrl)}
  <h2>Pending work by release</h2>
  ${releasesTable(r.releases)}
  <h2>Trends</h2>
  ${trendsSection(data.trends, tz)}`;
}
