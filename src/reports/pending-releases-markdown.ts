import type { ReleasePullRequest } from "../expectations/index.js";
import { formatFigure, formatValue } from "./format-figure.js";
import {
  LIST_MAX,
  more,
  type ReportMarkdown,
  reference,
  repositoryName,
  text,
} from "./report-markdown-cells.js";
import type { ReportRelease } from "./review-activity-report.js";

const WAITING_FOR: Record<ReleasePullRequest["waiting_for"], (who: string) => string> = {
  draft: (who) => `still a draft (${who})`,
  changes: (who) => `changes requested, waiting on ${who}`,
  merge: (who) => `approved, waiting on a merge by ${who}`,
  review: (who) => (who ? `waiting on review by ${who}` : "waiting on review, nobody asked yet"),
};

/** A release's row: its date, the business days left, how much of it is done, its status. */
function releaseRow(r: ReportRelease): string {
  const closed = r.closed_items.value ?? 0;
  const total = (r.open_items.value ?? 0) + closed;
  return `| ${text(r.milestone)} | ${repositoryName(r.repository)} | ${r.release_date}${r.on_business_day ? "" : " (not a business day)"} | ${formatFigure(r.business_days_left)} | ${closed} of ${total}${total > 0 ? ` (${formatValue(closed / total, "ratio")})` : ""} | ${r.open_pull_requests.length} | ${r.status.replace("_", " ")} |`;
}

/** The pending work section: each release with a due date, then its open pull requests and who they wait on. */
export function pendingReleasesMarkdown(view: ReportMarkdown): string[] {
  const { report, login } = view;
  const lines = ["", "### Pending work by release", ""];
  if (report.releases.length === 0) return [...lines, "No milestone with a due date."];
  lines.push(
    "| Release | Repository | Release date | Business days left | Done | Open PRs | Status |",
    "| --- | --- | --- | ---: | ---: | ---: | --- |",
    ...report.releases.map(releaseRow),
  );
  for (const r of report.releases) {
    if (r.open_pull_requests.length === 0) continue;
    lines.push("", `Open in ${text(r.milestone)}:`);
    for (const pr of r.open_pull_requests.slice(0, LIST_MAX))
      lines.push(
        `- ${reference(report, pr.repository, pr.number)} ${text(pr.title)} by ${login(pr.author)}: ${WAITING_FOR[pr.waiting_for](pr.waiting_on.map(login).join(", "))}`,
      );
    lines.push(...more(r.open_pull_requests.length, LIST_MAX, "open pull requests"));
  }
  return lines;
}
