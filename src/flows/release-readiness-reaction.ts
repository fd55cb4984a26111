import { octokitConnection } from "../github/index.js";
import { releaseTrigger } from "../release/index.js";
import type { Store } from "../store/index.js";
import { publishReleaseReadiness } from "./publish-release-readiness.js";
import type { Reaction } from "./reaction.js";

export interface ReleaseReadinessReactionOptions {
  store: Store;
  /** `https://github.com` or the GitHub Enterprise host (see githubWebUrl). */
  webUrl: string;
}

interface EventPayload {
  installation?: { id?: number };
  repository?: { id?: number; full_name?: string; private?: boolean };
}

/**
 * Re-evaluates release readiness after the events that can change it, for the pull requests and
 * milestones they touch. A failure is logged, not thrown: the delivery is recorded already and
 * the daily run publishes what was missed.
 */
export function releaseReadinessReaction(options: ReleaseReadinessReactionOptions): Reaction {
  return async ({ context, outcome, now }) => {
    // A delivery id seen before changed nothing in the store, so nothing to re-evaluate.
    if (outcome.status === "duplicate") return;
    const trigger = releaseTrigger(context.name, context.payload);
    if (!trigger) return;
    const payload = context.payload as EventPayload;
    const installationId = payload.installation?.id;
    const repository = payload.repository;
    if (installationId === undefined || repository?.id === undefined || !repository.full_name)
      return;
    const [owner = "", repo = ""] = repository.full_name.split("/");
    const connection = octokitConnection(
      context.octokit as unknown as Parameters<typeof octokitConnection>[0],
    );
    const log = context.log.child({ delivery: context.id, event: context.name });
    try {
      await publishReleaseReadiness(
        {
          store: options.store,
          target: connection.target,
          installationId,
          now: now.getTime(),
        },
        {
          repository: {
            installationId,
            repositoryId: repository.id,
            fullName: repository.full_name,
            private: repository.private ?? true,
          },
          pullRequestIds: trigger.pullRequestIds,
          headShas: trigger.headShas,
          milestoneIds: trigger.milestoneIds,
          wholeMilestones: trigger.wholeMilestones,
          force: trigger.force,
        },
        { config: () => connection.loadConfig({ owner, repo }), webUrl: options.webUrl, log },
      );
    } catch (error) {
      log.error({ err: error }, "release readiness was not published; the daily run retries");
    }
  };
}
