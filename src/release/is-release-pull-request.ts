import type { ExpectationsConfig } from "../config/index.js";
import type { PullRequestRow } from "../store/index.js";
import { branchPatternMatcher } from "./branch-pattern-matcher.js";

type Gate = ExpectationsConfig["release"]["gate"];

// One config's patterns are compiled once, however many pull requests an evaluation looks at.
const matchers = new WeakMap<readonly string[], (branch: string) => boolean>();

function matcherOf(patterns: Gate["head_branches"]): (branch: string) => boolean {
  let matcher = matchers.get(patterns);
  if (!matcher) {
    matcher = branchPatternMatcher(patterns);
    matchers.set(patterns, matcher);
  }
  return matcher;
}

/** A release pull request carries a gate label (any case, as GitHub compares them) or a matching head branch. */
export function isReleasePullRequest(
  pullRequest: Pick<PullRequestRow, "labels" | "headRef">,
  gate: Gate,
): boolean {
  const labels = new Set(gate.labels.map((label) => label.toLowerCase()));
  if (pullRequest.labels.some((label) => labels.has(label.toLowerCase()))) return true;
  return matcherOf(gate.head_branches)(pullRequest.headRef);
}
