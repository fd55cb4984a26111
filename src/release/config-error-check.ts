import { type ConfigError, formatConfigErrors } from "../config/index.js";
import type { PullRequestRow } from "../store/index.js";
import {
  RELEASE_READINESS_CHECK,
  type ReleaseCheckRun,
  releaseReadinessExternalId,
} from "./release-check-run.js";

/**
 * What a pull request shows instead of a verdict while `.github/expectations.yml` is invalid:
 * the key at fault and why, so the person who can fix it sees it where they look.
 */
export function configErrorCheck(
  pullRequest: Pick<PullRequestRow, "headSha" | "nodeId">,
  errors: readonly ConfigError[],
): ReleaseCheckRun {
  const keys = [...new Set(errors.map((error) => error.key))];
  return {
    name: RELEASE_READINESS_CHECK,
    head_sha: pullRequest.headSha,
    external_id: releaseReadinessExternalId(pullRequest.nodeId),
    conclusion: "neutral",
    output: {
      title: `Cannot check release readiness: .github/expectations.yml is invalid (${keys.slice(0, 3).join(", ")}${keys.length > 3 ? ", …" : ""})`,
      summary: `${formatConfigErrors(errors)}\n\nFix the file on the default branch (or in the organization's \`.github\` repository it extends); this check is evaluated again on the next push, review or milestone change, and once a day.`,
    },
  };
}
