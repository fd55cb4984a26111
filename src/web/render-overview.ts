import { plural } from "../markdown/index.js";
import type { Period } from "../metrics/index.js";
import { formatReleaseDate } from "../release/index.js";
import type { ReviewActivityReport } from "../reports/index.js";
import type { Millis } from "../store/index.js";
import type { Figure } from "./computed-cache.js";
import { dashboardPaths } from "./dashboard-paths.js";
import type { DashboardScope, DashboardScopes } from "./dashboard-scopes.js";
import { type Html, html } from "./html.js";
import type { MilestoneStanding } from "./milestone-standing.js";
import { badge, dateTime, figureMissing, tile } from "./page-parts.js";
import { renderProblems } from "./render-problems.js";
import { stackedBars } from "./stacked-bars.js";

export interface OverviewData {
  now: Millis;
  repositories: number;
  releases: Figure<MilestoneStanding[]>;
  teams: {
    scope: DashboardScope;
    period: Period;
    report: Figure<ReviewActivityReport>;
  }[];
  problems: DashboardScopes["problems"];
  /** Repositories whose settings the app has not read yet: judged by the defaults meanwhile. */
  unread: number;
}

function releaseLabel(release: MilestoneStanding): string {
  return `${release.repository.fullName} · ${release.milestone.title}`;
}

function daysLeft(release: MilestoneStanding): string {
  if (release.businessDaysLeft === null) return "–";
  if (release.passed) return "passed";
  return String(release.businessDaysLeft);
}

function releasesSection(releases: MilestoneStanding[]): Html {
  if (releases.length === 0)
    return html`<p>No release is due in the next four weeks, and none is overdue.</p>`;
  const count = (status: MilestoneStanding["status"]) =>
    releases.filter((r) => r.status === status).length;
  const sum = (pick: (r: MilestoneStanding) => number) =>
    releases.reduce((total, r) => total + pick(r), 0);
  return html`<div class="tiles">
    ${tile(releases.length, plural(releases.length, "release").replace(/^\d+ /, ""))}
    ${tile(count("on_track"), "on track", "met")}
    ${tile(count("at_risk"), "at risk", "at_risk")}
    ${tile(count("missed"), "missed", "missed")}
    ${tile(
      sum((r) => r.counts.open),
      "open pull requests",
    )}
    ${tile(
      sum((r) => r.counts.atRisk + r.counts.missed),
      "of them at risk or missed",
      sum((r) => r.counts.atRisk + r.counts.missed) > 0 ? "at_risk" : "met",
    )}
  </div>
  ${stackedBars({
    id: "releases-chart",
    title: "Open pull requests of each release, by release readiness",
    axis: "Release",
    rows: releases.map((release) => ({
      label: releaseLabel(release),
      values: {
        on_track: release.counts.onTrack,
        at_risk: release.counts.atRisk,
        missed: release.counts.missed,
      },
    })),
  })}
  <div class="table-wrap"><table>
    <caption>Every open milestone due in the next four weeks or overdue, soonest first</caption>
    <thead><tr><th scope="col">Release</th><th scope="col">Repository</th><th scope="col">Release date</th><th scope="col" class="number">Business days left</th><th scope="col">Status</th><th scope="col" class="number">On track</th><th scope="col" class="number">At risk</th><th scope="col" class="number">Missed</th><th scope="col" class="number">Merged</th></tr></thead>
    <tbody>${releases.map(
      (release) => html`<tr>
      <td><a href="${dashboardPaths.milestone(release.repository.fullName, release.milestone.number)}">${release.milestone.title}</a></td>
      <td>${release.repository.fullName}</td>
      <td>${release.releaseDate ? formatReleaseDate(release.releaseDate) : "–"}</td>
      <td class="number">${daysLeft(release)}</td>
      <td>${badge(release.status)}</td>
      <td class="number">${release.counts.onTrack}</td>
      <td class="number">${release.counts.atRisk}</td>
      <td class="number">${release.counts.missed}</td>
      <td class="number">${release.counts.merged}</td>
    </tr>`,
    )}</tbody>
  </table></div>`;
}

function teamRow(team: OverviewData["teams"][number]): Html {
  const { scope, period, report } = team;
  const tz = scope.config.timezone;
  const name = html`<a href="${scope.path}">${scope.name}</a>${scope.kind === "repository" ? html` <span class="muted">(repository)</span>` : ""}`;
  const since = dateTime(period.since, tz);
  if (report.state !== "ready")
    return html`<tr><td>${name}</td><td>${since}</td><td colspan="5">${figureMissing(report)}</td></tr>`;
  const lines = report.value.expectations.filter((e) => e.measure !== null);
  const count = (status: string) => lines.filter((e) => e.status === status).length;
  const attention = lines.filter((e) => e.status === "missed" || e.status === "at_risk");
  return html`<tr>
    <td>${name}</td>
    <td>${since}</td>
    <td class="number">${count("met")}</td>
    <td class="number">${count("at_risk")}</td>
    <td class="number">${count("missed")}</td>
    <td class="number">${count("not_measured")}</td>
    <td>${
      attention.length === 0
        ? html`<span class="muted">nothing at risk</span>`
        : attention.map((e, i) => html`${i > 0 ? ", " : ""}${e.measure} ${badge(e.status)}`)
    }</td>
  </tr>`;
}

/** The overview: releases at risk across every visible repository, and each team's verdicts. */
export function renderOverview(data: OverviewData): Html {
  const stale = [data.releases, ...data.teams.map((t) => t.report)].some(
    (figure) => figure.state === "ready" && !figure.fresh,
  );
  return html`<h1>Releases and teams</h1>
  <p class="lead">From the app's records of the ${plural(data.repositories, "repository", "repositories")} you can see on GitHub, as of ${dateTime(data.now, "UTC")}.${stale ? " Some figures are from a little earlier; newer activity is being counted." : ""}</p>
  ${renderProblems(data.problems, data.unread)}
  <h2>Releases in the next four weeks, and overdue ones</h2>
  ${data.releases.state === "ready" ? releasesSection(data.releases.value) : figureMissing(data.releases)}
  <h2>Teams this period</h2>
  ${
    data.teams.length === 0
      ? html`<p>No team or repository to report on among the repositories you can see.</p>`
      : html`<p class="muted">Each team's ladder expectations for the period its next review-activity report covers, so far. Lines activity cannot show are left out here; a team's page lists them.</p>
  <div class="table-wrap"><table>
    <thead><tr><th scope="col">Team</th><th scope="col">Period since</th><th scope="col" class="number">Met</th><th scope="col" class="number">At risk</th><th scope="col" class="number">Missed</th><th scope="col" class="number">Not measured</th><th scope="col">Needs attention</th></tr></thead>
    <tbody>${data.teams.map(teamRow)}</tbody>
  </table></div>`
  }`;
}
