import { plural } from "../markdown/index.js";
import { formatReleaseDate, type WaitingOn } from "../release/index.js";
import type { Millis } from "../store/index.js";
import { dashboardPaths } from "./dashboard-paths.js";
import { type Html, html } from "./html.js";
import { lineChart } from "./line-chart.js";
import type { MilestoneStanding } from "./milestone-standing.js";
import { badge, dateTime, login, shortDate, tile } from "./page-parts.js";

function logins(list: readonly string[]): Html {
  return html`${list.map((name, i) => html`${i > 0 ? ", " : ""}${login(name)}`)}`;
}

/** What an open pull request needs next and from whom (the release-readiness rules). */
function waitingOnText(waiting: WaitingOn): Html {
  switch (waiting.kind) {
    case "draft":
      return html`${logins(waiting.on)} to mark the draft ready for review`;
    case "changes":
      return html`${logins(waiting.on)} to address the changes requested by ${logins(waiting.requestedBy)}`;
    case "merge":
      return html`a merge (approved by ${logins(waiting.approvedBy)})`;
    case "review":
      return waiting.on.length > 0
        ? html`review by ${logins(waiting.on)}`
        : html`a reviewer: nobody has been asked yet`;
  }
}

function summary(standing: MilestoneStanding): string {
  const { releaseDate, businessDaysLeft, passed, timezone } = standing;
  if (releaseDate === null) return "No due date: not scheduled.";
  const date = `Release date ${formatReleaseDate(releaseDate)} (end of day, ${timezone})`;
  if (passed)
    return standing.counts.open > 0
      ? `${date}: passed with ${plural(standing.counts.open, "pull request")} still open.`
      : `${date}: passed, nothing left open.`;
  return `${date}: ${plural(businessDaysLeft ?? 0, "business day")} left.`;
}

function burndown(standing: MilestoneStanding): Html {
  const days = standing.openByDay.map((d) => d.date);
  const today = days.length - 1;
  // Days from tomorrow to the release date: on the axis, not counted yet.
  for (let day = days[today] ?? standing.lastDay; day < standing.lastDay && days.length < 200; ) {
    day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    days.push(day);
  }
  const release = standing.releaseDate === null ? -1 : days.indexOf(standing.releaseDate);
  const markers =
    release === today
      ? [{ slot: today, label: "today: the release date" }]
      : [
          { slot: today, label: "today" },
          ...(release >= 0 ? [{ slot: release, label: "release date" }] : []),
        ];
  return lineChart({
    id: "open-by-day",
    title: "Open pull requests, day by day, against the release date",
    axis: "Day",
    labels: days.map(shortDate),
    values: standing.openByDay.map((d) => d.open),
    unit: "count",
    markers,
    note: "Pull requests now in this milestone that were open at the end of each day (today: now).",
  });
}

/** A milestone: every pull request with its state, what it waits on and its age. */
export function renderMilestone(
  standing: MilestoneStanding,
  webUrl: string,
  now: Millis,
  fresh: boolean,
): Html {
  const { repository, milestone, counts } = standing;
  const repositoryUrl = `${webUrl}/${repository.fullName}`;
  return html`<div class="crumbs"><a href="${dashboardPaths.overview}">Releases and teams</a> › ${repository.fullName}</div>
  <h1>${milestone.title} ${badge(standing.status)}</h1>
  <p class="lead">${summary(standing)} <a href="${`${repositoryUrl}/milestone/${milestone.number}`}">The milestone on GitHub</a>${milestone.state === "closed" ? " (closed)" : ""}.</p>
  <div class="tiles">
    ${tile(counts.open, "open")}
    ${tile(counts.onTrack, "on track", "met")}
    ${tile(counts.atRisk, "at risk", "at_risk")}
    ${tile(counts.missed, "missed", "missed")}
    ${tile(counts.merged, "merged")}
    ${tile(counts.closedUnmerged, "closed without merging")}
  </div>
  ${burndown(standing)}
  <h2>Pull requests</h2>
  ${
    standing.pullRequests.length === 0
      ? html`<p>No pull request is in this milestone.</p>`
      : html`<div class="table-wrap"><table>
    <caption>Open ones first; age in business days since ready for review. As of ${dateTime(now, standing.timezone)}${fresh ? "" : " (newer activity is being counted)"}.</caption>
    <thead><tr><th scope="col">Pull request</th><th scope="col">Author</th><th scope="col">State</th><th scope="col">Release readiness</th><th scope="col">Waiting on</th><th scope="col" class="number">Age</th></tr></thead>
    <tbody>${standing.pullRequests.map(
      ({ pullRequest: pr, state, readiness }) => html`<tr>
      <td><a href="${`${repositoryUrl}/pull/${pr.number}`}">#${pr.number}</a> ${pr.title}</td>
      <td>${login(pr.author.login)}</td>
      <td>${badge(state)}</td>
      <td>${readiness ? badge(readiness.status) : html`<span class="muted">–</span>`}</td>
      <td>${readiness ? waitingOnText(readiness.waitingOn) : html`<span class="muted">–</span>`}</td>
      <td class="number">${readiness ? plural(readiness.ageBusinessDays, "day") : "–"}</td>
    </tr>`,
    )}</tbody>
  </table></div>`
  }`;
}
