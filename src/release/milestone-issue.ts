import { escapeMarkdown, formatLogin, plural } from "../markdown/index.js";
import type { MilestoneRow } from "../store/index.js";
import { type BusinessCalendar, releaseDateFromDueOn } from "../time/index.js";
import type { PullRequestReadiness, ReadinessStatus } from "./pull-request-readiness.js";
import { describeWaitingOn, formatReleaseDate, pullRequestLink } from "./release-text.js";
import type { WaitingOn } from "./waiting-on.js";

export const MILESTONE_ISSUE_LABEL = "release-readiness";

export interface MilestoneIssue {
  key: string;
  title: string;
  body: string;
  labels: string[];
}

export interface MilestoneIssueInput {
  milestone: MilestoneRow;
  /** The milestone's open pull requests. */
  open: readonly PullRequestReadiness[];
  merged: number;
  closedUnmerged: number;
  repositoryUrl: string;
  calendar: BusinessCalendar;
  now: Date;
  /** The record may be incomplete over the milestone's pull requests (recordGapNotice). */
  recordNotice?: string | null;
}

const STATE: Record<ReadinessStatus, string> = {
  on_track: "✅ on track",
  at_risk: "⚠️ at risk",
  missed: "❌ missed",
  not_scheduled: "➖ not scheduled",
};

const CHART_LABEL: Record<WaitingOn["kind"], string> = {
  review: "Waiting on review",
  changes: "Waiting on changes",
  merge: "Approved, waiting on merge",
  draft: "Draft",
};

export function milestoneIssueKey(milestoneId: number): string {
  return `release-readiness:milestone:${milestoneId}`;
}

function chart(input: MilestoneIssueInput): string {
  const slices: [string, number][] = [["Merged", input.merged]];
  for (const kind of ["merge", "review", "changes", "draft"] as const) {
    slices.push([CHART_LABEL[kind], input.open.filter((pr) => pr.waitingOn.kind === kind).length]);
  }
  slices.push(["Closed without merging", input.closedUnmerged]);
  const shown = slices.filter(([, count]) => count > 0);
  if (shown.length === 0) return "";
  return [
    "```mermaid",
    "pie showData title Pull requests in this milestone",
    ...shown.map(([label, count]) => `  "${label}" : ${count}`),
    "```",
  ].join("\n");
}

/**
 * The milestone's summary issue: when it is due, how many business days are left, and who each
 * open pull request waits on. Changes at most once per business day when nothing else happens.
 */
export function milestoneIssue(input: MilestoneIssueInput): MilestoneIssue {
  const { milestone, calendar, now } = input;
  const lines = [`## Release readiness: ${escapeMarkdown(milestone.title)}`, ""];
  const summary: string[] = [];
  if (milestone.dueOn !== null) {
    const releaseDate = releaseDateFromDueOn(new Date(milestone.dueOn));
    summary.push(`**Due:** ${formatReleaseDate(releaseDate)} (end of day, ${calendar.timezone})`);
    if (now.getTime() >= calendar.endOfDay(releaseDate).getTime()) {
      summary.push(
        input.open.length > 0
          ? `**Missed:** the release date has passed with ${plural(input.open.length, "pull request")} still open`
          : "**Released:** the release date has passed",
      );
    } else {
      summary.push(
        `**Business days left:** ${calendar.businessDaysBetween(calendar.localDate(now), releaseDate)}`,
      );
    }
  }
  summary.push(
    `**Pull requests:** ${input.open.length} open, ${input.merged} merged` +
      (input.closedUnmerged > 0 ? `, ${input.closedUnmerged} closed without merging` : ""),
  );
  lines.push(summary.join("  \n"), "");
  if (input.recordNotice) lines.push(`> ⚠️ ${input.recordNotice}`, "");
  if (input.open.length === 0) {
    lines.push("Nothing pending: every pull request in this milestone is merged or closed.", "");
  } else {
    lines.push("| PR | Author | Waiting on | Age | State |", "| --- | --- | --- | --- | --- |");
    const sorted = [...input.open].sort((a, b) => a.pullRequest.number - b.pullRequest.number);
    for (const item of sorted) {
      lines.push(
        `| ${pullRequestLink(input.repositoryUrl, item.pullRequest)} | ${formatLogin(item.pullRequest.author.login)} | ${describeWaitingOn(item.waitingOn)} | ${plural(item.ageBusinessDays, "business day")} | ${STATE[item.status]} |`,
      );
    }
    lines.push("");
  }
  const pie = chart(input);
  if (pie) lines.push(pie, "");
  lines.push(
    "_Kept up to date by the Expectations app from pull request activity; closed when the milestone closes. Edits to this issue are overwritten._",
  );
  return {
    key: milestoneIssueKey(milestone.milestoneId),
    title: `Release readiness: ${milestone.title.replace(/\s+/g, " ").trim()}`,
    body: lines.join("\n"),
    labels: [MILESTONE_ISSUE_LABEL],
  };
}
