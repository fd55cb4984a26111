import { plural } from "../markdown/index.js";
import type { Period } from "../metrics/index.js";
import { formatValue, type PersonLadder } from "../reports/index.js";
import type { Figure } from "./computed-cache.js";
import { dashboardPaths } from "./dashboard-paths.js";
import type { DashboardScope } from "./dashboard-scopes.js";
import { type Html, html } from "./html.js";
import { badge, dateTime, figureMissing, login, tile } from "./page-parts.js";
import {
  ladderTable,
  periodLabel,
  periodPicker,
  unblockTable,
  unmeasurableTable,
} from "./render-team.js";

export interface PersonPageData {
  scope: DashboardScope;
  login: string;
  periods: readonly Period[];
  chosen: number;
  ladder: Figure<PersonLadder>;
  webUrl: string;
}

const WAITING_FOR: Record<string, string> = {
  draft: "still a draft",
  changes: "changes requested",
  merge: "approved, waiting on a merge",
  review: "waiting on review",
};

function theirPullRequests(ladder: PersonLadder, webUrl: string): Html {
  const open = ladder.releases.flatMap((release) =>
    release.open_pull_requests.map((pr) => ({ release, pr })),
  );
  const pending = ladder.releases.filter((r) => (r.pending_at_release_date ?? 0) > 0);
  if (open.length === 0 && pending.length === 0)
    return html`<p class="muted">None of their pull requests is open in a release.</p>`;
  return html`${pending.map(
    (release) =>
      html`<p>${badge("missed")} ${plural(release.pending_at_release_date ?? 0, "of their pull requests", "of their pull requests")} still open when ${release.repository} · ${release.milestone} was due.</p>`,
  )}
  ${
    open.length === 0
      ? ""
      : html`<div class="table-wrap"><table>
    <thead><tr><th scope="col">Pull request</th><th scope="col">Release</th><th scope="col">Release status</th><th scope="col">Needs</th><th scope="col">Approved</th></tr></thead>
    <tbody>${open.map(
      ({ release, pr }) => html`<tr>
      <td><a href="${`${webUrl}/${pr.repository}/pull/${pr.number}`}">${pr.repository}#${pr.number}</a> ${pr.title}</td>
      <td><a href="${dashboardPaths.milestone(release.repository, release.milestone_number)}">${release.milestone}</a></td>
      <td>${badge(release.status)}</td>
      <td>${WAITING_FOR[pr.waiting_for] ?? pr.waiting_for}${pr.waiting_on.length > 0 ? html` (${pr.waiting_on.map((name, i) => html`${i > 0 ? ", " : ""}${login(name)}`)})` : ""}</td>
      <td>${pr.approved ? "yes" : "no"}</td>
    </tr>`,
    )}</tbody>
  </table></div>`
  }`;
}

/**
 * One engineer's ladder lines for a period: their own measures judged by the team's rules, the
 * lines measured only for the team, and those activity cannot show. Nobody else is on the page.
 */
export function renderPerson(data: PersonPageData): Html {
  const { scope, ladder, webUrl } = data;
  const tz = scope.config.timezone;
  const head = html`<div class="crumbs"><a href="${dashboardPaths.overview}">Releases and teams</a> › <a href="${scope.path}">${scope.name}</a></div>
  <h1>${login(data.login)}</h1>
  <p class="lead">Ladder lines in ${scope.kind === "team" ? "team" : "repository"} ${scope.name}, ${periodLabel(data.periods, data.chosen, tz).replace(/^This/, "this")}. One person's own activity against the targets: never compared with anyone.</p>
  ${periodPicker(dashboardPaths.person(scope.path, data.login), data.periods, data.chosen, tz)}`;
  if (ladder.state !== "ready") return html`${head}${figureMissing(ladder)}`;
  const l = ladder.value;
  const mine = l.lines.filter((line) => line.measured_for === "person");
  const team = l.lines.filter((line) => line.measured_for === "team");
  const nobody = l.lines.filter((line) => line.measured_for === "nobody");
  const hours = (value: number | null) => formatValue(value, "business_hours");
  return html`${head}
  <p class="muted">${l.member ? "A member of the team." : "Not a member of the team (listed or seen as one); their activity here still counts for these lines."} Judged as of ${dateTime(l.as_of, tz)}${ladder.fresh ? "" : "; newer activity is being counted"}. Business hours: ${l.business_time}.</p>
  <div class="tiles">
    ${tile(l.reviews.given, "reviews given")}
    ${tile(l.reviews.pull_requests, "pull requests reviewed")}
    ${tile(`${l.requests.answered} of ${l.requests.received}`, "review requests answered")}
    ${tile(hours(l.requests.median_answer_hours), "answer time, median")}
    ${tile(l.waiting.length, "requests waiting past the SLA", l.waiting.length > 0 ? "at_risk" : undefined)}
    ${tile(l.first_responses.count, "customer first responses")}
  </div>
  <h2>Their ladder lines</h2>
  ${ladderTable(mine)}
  <h2>Review requests waiting on them past the SLA</h2>
  ${unblockTable(l.waiting, webUrl, tz, "None: nobody waits on them past the SLA.")}
  <h2>Their pull requests in releases</h2>
  ${theirPullRequests(l, webUrl)}
  <h2>Measured for the team as a whole</h2>
  <p class="muted">These lines are about how the team works together; <a href="${scope.path}">the team's page</a> has their verdicts.</p>
  <ul>${team.map((line) => html`<li>${line.text} <span class="muted">(${line.measure})</span></li>`)}</ul>
  <h2>What activity cannot show</h2>
  ${unmeasurableTable(nobody)}`;
}
