import type { DeliveryRecord, Millis, StoreChange } from "../store/index.js";
import { checkRunChanges, checkSuiteChanges } from "./check-rerun.js";
import type { IngestContext } from "./context.js";
import { checkEventShape } from "./event-shapes.js";
import { installationChanges, installationRepositoriesChanges } from "./installation.js";
import { issueCommentChanges } from "./issue-comment.js";
import { issuesChanges } from "./issues.js";
import { membershipChanges } from "./membership.js";
import { milestoneChanges } from "./milestone.js";
import { organizationChanges } from "./organization.js";
import { parse } from "./parse.js";
import { envelopeSchema } from "./payload-schemas.js";
import { pullRequestChanges } from "./pull-request.js";
import { pullRequestReviewChanges } from "./pull-request-review.js";
import { teamChanges } from "./team.js";
import { teamAddChanges } from "./team-add.js";
import { withoutNul } from "./without-nul.js";

type EventFamily = (
  action: string,
  payload: Record<string, unknown>,
  context: IngestContext,
) => StoreChange[] | null;

const families: Record<string, EventFamily> = {
  pull_request: pullRequestChanges,
  pull_request_review: pullRequestReviewChanges,
  milestone: milestoneChanges,
  issues: issuesChanges,
  issue_comment: issueCommentChanges,
  installation: installationChanges,
  installation_repositories: installationRepositoriesChanges,
  check_run: checkRunChanges,
  check_suite: checkSuiteChanges,
  team: teamChanges,
  team_add: teamAddChanges,
  membership: membershipChanges,
  organization: organizationChanges,
};

/** One recorded or received webhook delivery. */
export interface Delivery {
  name: string;
  id: string;
  payload: unknown;
  /** When it was received; the fallback time for payloads without an event time. */
  receivedAt: Millis;
}

export type NormalizedDelivery =
  | { ignored: true; reason: string }
  | { ignored: false; delivery: DeliveryRecord; changes: StoreChange[] };

export interface NormalizeOptions {
  /**
   * Removals become requests that GitHub must confirm (the server: a delivery's event name is
   * not signed); without it they are applied as they come (a replayed file the operator chose).
   */
  confirmPurges?: boolean;
}

/**
 * Turns a delivery into store changes, or says why it is ignored (an event or action we do not
 * follow, or no installation). Throws MalformedPayloadError naming the field that is wrong, or
 * what does not fit the event the delivery says it is. Every string of the records comes out
 * without NUL characters (see withoutNul), the same for every backend.
 */
export function normalizeDelivery(
  delivery: Delivery,
  options: NormalizeOptions = {},
): NormalizedDelivery {
  checkEventShape(delivery.name, delivery.payload);
  const family = families[delivery.name];
  if (!family) return { ignored: true, reason: `event ${delivery.name} is not followed` };
  const envelope = parse(envelopeSchema, delivery.payload, "payload");
  const action = envelope.action ?? "";
  if (!envelope.installation) return { ignored: true, reason: "no installation in payload" };
  const installationId = envelope.installation.id;
  const context: IngestContext = {
    installationId,
    repository: envelope.repository,
    sender: envelope.sender,
    receivedAt: delivery.receivedAt,
    deliveryId: delivery.id,
    confirmPurges: options.confirmPurges ?? false,
  };
  // Each family parses the parts it reads from the payload as received, and queues what the
  // delivery makes stale in release readiness.
  const changes = family(action, delivery.payload as Record<string, unknown>, context);
  if (changes === null)
    return { ignored: true, reason: `${delivery.name}.${action} is not followed` };
  // Every event keeps its repository's name and visibility current.
  const repository = envelope.repository;
  const removed = changes.some(
    (change) =>
      change.kind === "repository_removed" ||
      change.kind === "installation_deleted" ||
      change.kind === "purge_requested",
  );
  if (repository && !removed) {
    changes.unshift({
      kind: "repository",
      record: {
        installationId,
        repositoryId: repository.id,
        fullName: repository.full_name,
        private: repository.private,
      },
    });
  }
  return {
    ignored: false,
    delivery: withoutNul({
      deliveryId: delivery.id,
      installationId,
      repositoryId: repository?.id ?? null,
      event: delivery.name,
      action: action || null,
      receivedAt: delivery.receivedAt,
    }),
    changes: withoutNul(changes),
  };
}
