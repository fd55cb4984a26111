import { dashboardPaths } from "./dashboard-paths.js";
import { type Html, html } from "./html.js";

export interface PageFrame {
  title: string;
  /** The signed-in person and their sign-out form token; absent on the sign-in page. */
  signedIn?: { login: string; formToken: string };
  body: Html;
  /** Reload after this many seconds (figures still being counted); no script needed. */
  refreshSeconds?: number;
  footer?: Html | string;
}

/** A whole page: header with sign-out, the body, and the one stylesheet. */
export function renderPage(frame: PageFrame): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
${frame.refreshSeconds ? html`<meta http-equiv="refresh" content="${frame.refreshSeconds}">` : ""}
<title>${frame.title} · Expectations</title>
<link rel="stylesheet" href="${dashboardPaths.stylesheet}">
</head>
<body>
<header class="top">
  <a class="brand" href="${dashboardPaths.overview}">Expectations</a>
  <nav>${frame.signedIn ? html`<a href="${dashboardPaths.overview}">Releases and teams</a>` : ""}</nav>
  ${
    frame.signedIn
      ? html`<div class="who"><span>Signed in as <span class="login">${frame.signedIn.login}</span></span>
  <form method="post" action="${dashboardPaths.signOut}"><input type="hidden" name="token" value="${frame.signedIn.formToken}"><button type="submit">Sign out</button></form></div>`
      : ""
  }
</header>
<main>
${frame.body}
</main>
${frame.footer ? html`<footer>${frame.footer}</footer>` : ""}
</body>
</html>
`.text;
}
