import type { PullRequestReadiness } from "../release/index.js";
import { releaseReadinessCheck, releaseReadinessExternalId } from "../release/index.js";
import type { ReleaseUpdate } from "./update-release-readiness.js";

/** The `Release readiness` check of each pull request in scope; returns their readiness. */
export async function updateReadinessChecks(
  update: ReleaseUpdate,
): Promise<PullRequestReadiness[]> {
  const { scope, calendar } = update;
  const evaluated: PullRequestReadiness[] = [];
  for (const pr of scope.readinessCandidates) {
    const result = update.readinessOf(pr);
    evaluated.push(result);
    // "Not scheduled" only corrects a check posted before; it is never news on its own.
    if (
      result.status === "not_scheduled" &&
      !(await scope.published(releaseReadinessExternalId(pr.nodeId), pr))
    )
      continue;
    await update.check(
      releaseReadinessCheck(result, {
        timezone: calendar.timezone,
        warnWithinBusinessDays: update.warnWithinBusinessDays,
        recordNotice: update.recordNotice(pr.createdAt),
      }),
      pr,
      result.milestone,
    );
  }
  return evaluated;
}
