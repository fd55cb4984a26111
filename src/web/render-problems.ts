import { plural } from "../markdown/index.js";
import type { DashboardScopes } from "./dashboard-scopes.js";
import { type Html, html } from "./html.js";

/** Invalid settings (never judged by defaults instead) and settings the app has not read yet. */
export function renderProblems(problems: DashboardScopes["problems"], unread: number): Html {
  return html`${problems.map(
    (
      problem,
    ) => html`<div class="notice error"><strong>${problem.file}</strong>: its <code>.github/expectations.yml</code> is invalid, so what it governs is left out until it is fixed.
    <ul>${problem.errors.map((e) => html`<li><code>${e.key}</code>: ${e.message}</li>`)}</ul></div>`,
  )}
  ${
    unread > 0
      ? html`<div class="notice">The app has not read the settings of ${plural(unread, "repository", "repositories")} yet (it does at the next pull request event or scheduled run); the defaults apply to them meanwhile.</div>`
      : ""
  }`;
}
