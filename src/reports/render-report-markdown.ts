import { escapeMarkdown, formatLogin } from "./escape-markdown.js";
import type { RepositoryReport } from "./repository-report.js";

export function renderReportMarkdown(report: RepositoryReport, mention = false): string {
  const { pull_requests: prs } = report;
  const lines = [
    `## Review activity: ${escapeMarkdown(report.repository)}`,
    "",
    `${report.period.since.slice(0, 10)} – ${report.period.until.slice(0, 10)}`,
    "",
    `Pull requests: ${prs.opened} opened, ${prs.merged} merged, ${prs.open} open at the end of the period.`,
    "",
  ];
  if (report.people.length === 0) {
    lines.push("No reviews or review requests in this period.");
    return `${lines.join("\n")}\n`;
  }
  lines.push(
    "| Person | Reviews | PRs reviewed | Requests received | Requests answered |",
    "| --- | ---: | ---: | ---: | ---: |",
  );
  for (const person of report.people) {
    lines.push(
      `| ${formatLogin(person.login, mention)} | ${person.reviews} | ${person.prs_reviewed} | ${person.requests_received} | ${person.requests_answered} |`,
    );
  }
  return `${lines.join("\n")}\n`;
}
