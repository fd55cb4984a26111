import type { Millis } from "../store/index.js";
import { localDateTime } from "../time/index.js";
import type { Figure } from "./computed-cache.js";
import { type Html, html } from "./html.js";

/** Every state a badge can show, in the words a person reads. */
const BADGE: Record<string, string> = {
  met: "met",
  at_risk: "at risk",
  missed: "missed",
  not_measured: "not measured",
  on_track: "on track",
  released: "released",
  not_scheduled: "not scheduled",
  open: "open",
  draft: "draft",
  merged: "merged",
  closed: "closed",
};

/**
 * A verdict or state as a coloured label; the word is always there, the colour only helps. A
 * compact "not measured" shows only its dash, the word left for screen readers.
 */
export function badge(status: string, compact = false): Html {
  const word = BADGE[status] ?? status;
  if (compact && status === "not_measured")
    return html`<span class="verdict ${status}"><span class="sr-only">${word}</span></span>`;
  return html`<span class="verdict ${status}">${word}</span>`;
}

const SHORT_DATE = new Intl.DateTimeFormat("en-US", {
  day: "numeric",
  month: "short",
  year: "2-digit",
  timeZone: "UTC",
});

/** "Sep 1, 19": a day on a chart axis or a column heading. */
export function shortDate(date: string): string {
  return SHORT_DATE.format(new Date(`${date}T00:00:00Z`));
}

/** A GitHub login: as text, in the login font, never a mention. */
export function login(name: string): Html {
  return html`<span class="login">${name}</span>`;
}

export function dateTime(at: Millis | string, timeZone: string): string {
  return `${localDateTime(typeof at === "string" ? Date.parse(at) : at, timeZone)} ${timeZone}`;
}

/** A figure with a label, for the row of tiles at the top of a section. */
export function tile(figure: string | number, label: string, status?: string): Html {
  return html`<div class="tile ${status ?? ""}"><div class="figure">${figure}</div><div class="label">${label}</div></div>`;
}

/** In place of figures not there yet: being counted (the page reloads), or unavailable for now. */
export function figureMissing(figure: Figure<unknown>, what = ""): Html {
  if (figure.state === "unavailable")
    return html`<p class="muted">${what ? `${what}: these` : "These"} figures could not be computed just now; the error is logged. Reload the page in a minute to try again.</p>`;
  return html`<p class="muted">Counting${what ? ` ${what}` : ""}… this page reloads itself.</p>`;
}
