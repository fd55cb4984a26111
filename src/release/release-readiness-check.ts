import { escapeMarkdown, plural } from "../markdown/index.js";
import type { PullRequestReadiness } from "./pull-request-readiness.js";
import {
  RELEASE_READINESS_CHECK,
  type ReleaseCheckRun,
  releaseReadinessExternalId,
} from "./release-check-run.js";
import {
  describeWaitingOn,
  formatReleaseDate,
  plainTitle,
  waitingOnShort,
} from "./release-text.js";

function daysLeftPhrase(days: number): string {
  return days <= 0 ? "due today" : `due in ${plural(days, "business day")}`;
}

function titleOf(readiness: PullRequestReadiness): string {
  const name = plainTitle(readiness.milestone?.title ?? "");
  const days = readiness.businessDaysLeft ?? 0;
  switch (readiness.status) {
    case "on_track":
      return readiness.approval.approved && !readiness.pullRequest.draft
        ? `On track for ${name}: approved, waiting on merge`
        : `On track for ${name}: ${daysLeftPhrase(days)}, ${waitingOnShort(readiness.waitingOn)}`;
    case "at_risk":
      return `At risk for ${name}: ${daysLeftPhrase(days)}, ${waitingOnShort(readiness.waitingOn)}`;
    case "missed":
      return `Missed ${name}: due ${readiness.releaseDate}, still open`;
    case "not_scheduled":
      switch (readiness.notScheduled) {
        case "milestone_deleted":
          return `Not scheduled: milestone ${name} was deleted`;
        case "no_due_date":
          return `Not scheduled: ${name} has no due date`;
        case "milestone_closed":
          return `Not scheduled: ${name} is closed`;
        default:
          return "Not scheduled: this pull request is in no milestone";
      }
  }
}

function nextStep(readiness: PullRequestReadiness, warnWithin: number): string {
  switch (readiness.status) {
    case "on_track":
      return readiness.approval.approved && !readiness.pullRequest.draft
        ? "Merge it before the end of the due date to make the release."
        : `Nothing is late yet. Without an approval, this turns to at risk ${warnWithin === 0 ? "on the due date" : `${plural(warnWithin, "business day")} before the due date`}.`;
    case "at_risk":
      return "Get it approved and merged before the end of the due date, or move it to a later milestone.";
    case "missed":
      return "The release date has passed with this pull request still open. Merge it, or move it to the milestone of the next release.";
    case "not_scheduled":
      return "This check no longer tracks a release for this pull request. Add it to an open milestone with a due date to track it again.";
  }
}

/**
 * The `Release readiness` check run for one pull request. Everything in it changes at most once
 * per business day, so re-evaluating on the same day sends nothing.
 */
export function releaseReadinessCheck(
  readiness: PullRequestReadiness,
  options: {
    timezone: string;
    warnWithinBusinessDays: number;
    /** The record may be incomplete (recordGapNotice): said, the conclusion unchanged. */
    recordNotice?: string | null;
  },
): ReleaseCheckRun {
  const { pullRequest, milestone } = readiness;
  const lines: string[] = [];
  if (milestone && readiness.releaseDate) {
    lines.push(
      `**Release:** ${escapeMarkdown(milestone.title)}, due ${formatReleaseDate(readiness.releaseDate)} (end of day, ${options.timezone})`,
    );
    if (readiness.status !== "missed" && readiness.businessDaysLeft !== null)
      lines.push(`**Business days left:** ${readiness.businessDaysLeft}`);
  } else if (milestone) {
    lines.push(`**Milestone:** ${escapeMarkdown(milestone.title)}`);
  }
  lines.push(`**Waiting on:** ${describeWaitingOn(readiness.waitingOn)}`);
  return {
    name: RELEASE_READINESS_CHECK,
    head_sha: pullRequest.headSha,
    external_id: releaseReadinessExternalId(pullRequest.nodeId),
    conclusion: readiness.conclusion,
    output: {
      title: titleOf(readiness),
      summary: `${lines.join("  \n")}\n\n${nextStep(readiness, options.warnWithinBusinessDays)}${options.recordNotice ? `\n\n⚠️ ${options.recordNotice}` : ""}`,
    },
  };
}
