import type { Millis, StaleReleaseRecord, StoreChange } from "../store/index.js";

/** What an event asks to re-evaluate: these pull requests' checks, and these milestones' gates and issue. */
export interface ReleaseTrigger {
  pullRequestIds: number[];
  /** Pull requests found by head SHA, when the event names no pull request (forks). */
  headShas: string[];
  milestoneIds: number[];
  /** The milestones themselves changed: every open pull request in them is re-evaluated. */
  wholeMilestones: boolean;
  /** The user asked for a re-run: send the check even when its content did not change. */
  force: boolean;
}

const PULL_REQUEST_ACTIONS = new Set([
  "opened",
  "reopened",
  "synchronize",
  "ready_for_review",
  "converted_to_draft",
  "milestoned",
  "demilestoned",
  "labeled",
  "unlabeled",
  "review_requested",
  "review_request_removed",
  "edited",
  "closed",
]);
const REVIEW_ACTIONS = new Set(["submitted", "dismissed"]);
const MILESTONE_ACTIONS = new Set(["edited", "closed", "opened", "deleted"]);
const OUR_CHECKS = /^release-(readiness|gate):/;

type Payload = Record<string, unknown>;

function object(value: unknown): Payload | undefined {
  return typeof value === "object" && value !== null ? (value as Payload) : undefined;
}

function id(value: unknown): number | undefined {
  const found = object(value)?.id;
  return typeof found === "number" ? found : undefined;
}

function ids(values: unknown[]): number[] {
  return [...new Set(values.map(id).filter((found): found is number => found !== undefined))];
}

function pullRequestIdsOf(list: unknown): number[] {
  return Array.isArray(list) ? ids(list) : [];
}

/**
 * Maps a webhook to what it can change in release readiness, or null when it changes nothing
 * there. A pull request event re-evaluates that pull request and its milestone (the one it left,
 * too); a milestone event re-evaluates the whole milestone.
 */
export function releaseTrigger(event: string, payload: unknown): ReleaseTrigger | null {
  const body = object(payload);
  if (!body) return null;
  const action = typeof body.action === "string" ? body.action : "";
  const none = {
    pullRequestIds: [],
    headShas: [],
    milestoneIds: [],
    wholeMilestones: false,
    force: false,
  };
  switch (event) {
    case "pull_request":
    case "pull_request_review": {
      const actions = event === "pull_request" ? PULL_REQUEST_ACTIONS : REVIEW_ACTIONS;
      const pullRequest = object(body.pull_request);
      const pullRequestId = id(pullRequest);
      if (!actions.has(action) || pullRequestId === undefined) return null;
      // `demilestoned` names the milestone the pull request left at the top level.
      return {
        ...none,
        pullRequestIds: [pullRequestId],
        milestoneIds: ids([pullRequest?.milestone, body.milestone]),
      };
    }
    case "milestone": {
      const milestoneId = id(body.milestone);
      if (!MILESTONE_ACTIONS.has(action) || milestoneId === undefined) return null;
      return { ...none, milestoneIds: [milestoneId], wholeMilestones: true };
    }
    case "check_run": {
      const run = object(body.check_run);
      const externalId = run?.external_id;
      if (
        action !== "rerequested" ||
        typeof externalId !== "string" ||
        !OUR_CHECKS.test(externalId)
      )
        return null;
      return {
        ...none,
        pullRequestIds: pullRequestIdsOf(run?.pull_requests),
        headShas: typeof run?.head_sha === "string" ? [run.head_sha] : [],
        force: true,
      };
    }
    case "check_suite": {
      const suite = object(body.check_suite);
      if (action !== "rerequested" || !suite) return null;
      return {
        ...none,
        pullRequestIds: pullRequestIdsOf(suite.pull_requests),
        headShas: typeof suite.head_sha === "string" ? [suite.head_sha] : [],
        force: true,
      };
    }
    default:
      return null;
  }
}

/**
 * What a delivery makes stale in release readiness, as changes stored in the delivery's own
 * transaction: the publish queue picks them up, so nothing is lost if the process dies before
 * it publishes.
 */
export function staleReleaseChanges(
  trigger: ReleaseTrigger,
  installationId: number,
  repositoryId: number,
  at: Millis,
): StoreChange[] {
  const stale = (subject: StaleReleaseRecord["subject"], force: boolean): StoreChange => ({
    kind: "release_stale",
    record: { installationId, repositoryId, subject, force, at },
  });
  return [
    ...trigger.pullRequestIds.map((pullRequestId) =>
      stale({ kind: "pull_request", pullRequestId }, trigger.force),
    ),
    ...trigger.headShas.map((sha) => stale({ kind: "head_sha", sha }, trigger.force)),
    ...trigger.milestoneIds.map((milestoneId) =>
      stale({ kind: "milestone", milestoneId, whole: trigger.wholeMilestones }, false),
    ),
  ];
}
