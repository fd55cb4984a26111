import { escapeMarkdown, plural } from "../markdown/index.js";
import type { MilestoneRow, PullRequestRow } from "../store/index.js";
import type { PullRequestReadiness } from "./pull-request-readiness.js";
import {
  RELEASE_GATE_CHECK,
  type ReleaseCheckRun,
  releaseGateExternalId,
} from "./release-check-run.js";
import { describeWaitingOn, plainTitle, pullRequestLink } from "./release-text.js";

const MAX_LISTED = 100;

export interface ReleaseGateInput {
  pullRequest: Pick<PullRequestRow, "headSha" | "nodeId">;
  /** The release pull request's milestone; undefined when it has none or it was deleted. */
  milestone: MilestoneRow | undefined;
  /** The milestone's other open pull requests. */
  pending: readonly PullRequestReadiness[];
  /** `https://github.com/owner/repo` (or the GitHub Enterprise host's). */
  repositoryUrl: string;
}

/** `Release gate` on a release pull request: failure while the rest of its milestone is open. */
export function releaseGateCheck(input: ReleaseGateInput): ReleaseCheckRun {
  const { pullRequest, milestone, pending } = input;
  const base = {
    name: RELEASE_GATE_CHECK,
    head_sha: pullRequest.headSha,
    external_id: releaseGateExternalId(pullRequest.nodeId),
  };
  if (!milestone || milestone.deletedAt !== null) {
    return {
      ...base,
      conclusion: "neutral",
      output: {
        title: "Not gated: this release pull request is in no milestone",
        summary:
          "Add it to the milestone of the release it ships; the gate then passes once every other pull request in that milestone is merged or closed.",
      },
    };
  }
  const name = plainTitle(milestone.title);
  if (pending.length === 0) {
    return {
      ...base,
      conclusion: "success",
      output: {
        title: `Ready to release: no other pull request in ${name} is open`,
        summary: `Every other pull request in ${escapeMarkdown(milestone.title)} is merged or closed.`,
      },
    };
  }
  const sorted = [...pending].sort((a, b) => a.pullRequest.number - b.pullRequest.number);
  const lines = sorted
    .slice(0, MAX_LISTED)
    .map(
      (item) =>
        `- ${pullRequestLink(input.repositoryUrl, item.pullRequest)}: waiting on ${describeWaitingOn(item.waitingOn)}`,
    );
  if (sorted.length > MAX_LISTED) lines.push(`- … and ${sorted.length - MAX_LISTED} more`);
  return {
    ...base,
    conclusion: "failure",
    output: {
      title: `Blocked: ${plural(pending.length, "other pull request")} in ${name} still open`,
      summary: `Merge or close these, or move them to a later milestone, before releasing ${escapeMarkdown(milestone.title)}:\n\n${lines.join("\n")}`,
    },
  };
}

/** Replaces a gate posted earlier on a pull request that is no longer a release pull request. */
export function retiredReleaseGateCheck(
  pullRequest: Pick<PullRequestRow, "headSha" | "nodeId">,
): ReleaseCheckRun {
  return {
    name: RELEASE_GATE_CHECK,
    head_sha: pullRequest.headSha,
    external_id: releaseGateExternalId(pullRequest.nodeId),
    conclusion: "neutral",
    output: {
      title: "Not gated: this is no longer a release pull request",
      summary:
        "It has neither a gate label nor a release head branch (`release.gate` in `.github/expectations.yml`), so the release gate does not apply.",
    },
  };
}
