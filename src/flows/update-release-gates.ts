import {
  isReleasePullRequest,
  releaseGateCheck,
  releaseGateExternalId,
  retiredReleaseGateCheck,
} from "../release/index.js";
import { isUsable } from "./load-release-scope.js";
import type { ReleaseUpdate } from "./update-release-readiness.js";

/**
 * The `Release gate` check of each release pull request in scope: failing while other pull
 * requests of its milestone are open; retired on one that is no longer a release pull request.
 */
export async function updateReleaseGates(update: ReleaseUpdate): Promise<void> {
  const { scope, config } = update;
  for (const pr of scope.gateCandidates.values()) {
    const gated = await scope.published(releaseGateExternalId(pr.nodeId), pr);
    if (!isReleasePullRequest(pr, config.release.gate)) {
      if (gated) await update.check(retiredReleaseGateCheck(pr), pr);
      continue;
    }
    const milestone = pr.milestoneId === null ? undefined : scope.milestones.get(pr.milestoneId);
    if (!isUsable(milestone) && !gated) continue;
    const pending = isUsable(milestone)
      ? scope
          .openMembers(milestone.milestoneId)
          .filter((other) => other.pullRequestId !== pr.pullRequestId)
          .map(update.readinessOf)
      : [];
    await update.check(
      releaseGateCheck({
        pullRequest: pr,
        milestone: isUsable(milestone) ? milestone : undefined,
        pending,
        repositoryUrl: update.repositoryUrl,
      }),
      pr,
      milestone,
    );
  }
}
