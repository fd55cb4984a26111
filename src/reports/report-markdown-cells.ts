import { escapeMarkdown, oneLine } from "../markdown/index.js";
import type { Figure } from "../metrics/index.js";
import { formatFigure } from "./format-figure.js";
import type { ReviewActivityReport } from "./review-activity-report.js";

/** What every section of the report's markdown writes with. */
export interface ReportMarkdown {
  report: ReviewActivityReport;
  /** A login as the report writes it: an @-mention, or one that notifies nobody. */
  login(name: string): string;
  /** An ISO instant as a date and time in the report's time zone. */
  time(iso: string): string;
}

const TITLE_MAX = 72;
// A lead reads the longest waits first; the rest is in the JSON and CSV.
export const LIST_MAX = 50;
const SAFE_REPOSITORY = /^[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+$/;

/** The line that says how many of a list were left out, and where to find them all. */
export function more(total: number, shown: number, what: string): string[] {
  return total > shown
    ? ["", `…and ${total - shown} more ${what} (all of them in \`--format json\`).`]
    : [];
}

/** Business hours with the wall-clock hours beside them: "4.6 h (5.1 h wall clock)". */
export function withWall(business: Figure, wall: Figure): string {
  return business.value === null
    ? "–"
    : `${formatFigure(business)} (${formatFigure(wall)} wall clock)`;
}

/** A count, or "not measured (why)" when the figure does not apply in the period. */
export function countOrWhy(figure: Figure): string {
  return figure.value === null ? `not measured (${figure.not_measured})` : formatFigure(figure);
}

/** User text for a table cell or list item: one line, bounded, inert. */
export function text(value: string): string {
  return escapeMarkdown(oneLine(value, TITLE_MAX));
}

/** `#12` in a one-repository report, `owner/name#12` across repositories; GitHub links both. */
export function reference(
  report: ReviewActivityReport,
  repository: string,
  number: number,
): string {
  if (report.scope.kind === "repository" && repository === report.scope.name) return `#${number}`;
  return `${repositoryName(repository)}#${number}`;
}

/** A repository's name as written: as it is when it looks like one, escaped otherwise. */
export function repositoryName(name: string): string {
  return SAFE_REPOSITORY.test(name) ? name : escapeMarkdown(name);
}
