import { dashboardPaths } from "./dashboard-paths.js";
import { type Html, html } from "./html.js";

/** The page for someone not signed in: what the dashboard is, and the way in. */
export function renderSignIn(returnTo: string, note?: string): Html {
  const href = `${dashboardPaths.signIn}?return_to=${encodeURIComponent(returnTo)}`;
  return html`<div class="signin">
  <h1>Expectations</h1>
  ${note ? html`<div class="notice">${note}</div>` : ""}
  <p>Releases at risk across the repositories you can see, each team's ladder expectations and trends, and each engineer's own lines. Sign in with GitHub: the dashboard shows only repositories GitHub lets you see.</p>
  <p><a class="button primary" href="${href}">Sign in with GitHub</a></p>
</div>`;
}

/** A page that says what went wrong and what to do next. */
export function renderMessage(title: string, message: string, next?: Html): Html {
  return html`<h1>${title}</h1><p>${message}</p>${next ? html`<p>${next}</p>` : ""}
  <p><a href="${dashboardPaths.overview}">Back to releases and teams</a></p>`;
}
