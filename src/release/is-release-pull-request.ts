import picomatch from "picomatch";
import type { ExpectationsConfig } from "../config/index.js";
import type { PullRequestRow } from "../store/index.js";

/** A release pull request carries a gate label (any case, as GitHub compares them) or a matching head branch. */
export function isReleasePullRequest(
  pullRequest: Pick<PullRequestRow, "labels" | "headRef">,
  gate: ExpectationsConfig["release"]["gate"],
): boolean {
  const labels = new Set(gate.labels.map((label) => label.toLowerCase()));
  if (pullRequest.labels.some((label) => labels.has(label.toLowerCase()))) return true;
  return gate.head_branches.length > 0 && picomatch(gate.head_branches)(pullRequest.headRef);
}
