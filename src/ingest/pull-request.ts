import type { PullRequestRecord, StoreChange } from "../store/index.js";
import { type IngestContext, requireRepository } from "./context.js";
import { labelNames, milestoneRecord, millis, normalizeActor } from "./normalize-fields.js";
import { parse } from "./parse.js";
import {
  milestoneRefSchema,
  type PullRequestPayload,
  pullRequestSchema,
  teamSchema,
  userSchema,
} from "./payload-schemas.js";
import { stalePullRequest } from "./stale-release.js";

const SNAPSHOT_ACTIONS = new Set([
  "opened",
  "reopened",
  "closed",
  "edited",
  "synchronize",
  "ready_for_review",
  "converted_to_draft",
  "review_requested",
  "review_request_removed",
  "milestoned",
  "demilestoned",
  "labeled",
  "unlabeled",
  "assigned",
]);
/** An assignee changes nothing in release readiness. */
const UNSTALE_ACTIONS = new Set(["assigned"]);

/** The PR as the payload saw it, and its milestone; shared by PR and review events. */
export function pullRequestSnapshot(
  context: IngestContext,
  pullRequest: PullRequestPayload,
): { record: PullRequestRecord; changes: StoreChange[] } {
  const repository = requireRepository(context);
  const { installationId } = context;
  const record: PullRequestRecord = {
    installationId,
    repositoryId: repository.id,
    pullRequestId: pullRequest.id,
    nodeId: pullRequest.node_id,
    number: pullRequest.number,
    title: pullRequest.title,
    author: normalizeActor(pullRequest.user),
    authorAssociation: pullRequest.author_association,
    draft: pullRequest.draft,
    state: pullRequest.state,
    createdAt: millis(pullRequest.created_at),
    updatedAt: millis(pullRequest.updated_at),
    closedAt: millis(pullRequest.closed_at),
    mergedAt: millis(pullRequest.merged_at),
    mergedBy:
      pullRequest.merged_by === undefined ? undefined : (pullRequest.merged_by?.login ?? null),
    milestoneId: pullRequest.milestone?.id ?? null,
    headSha: pullRequest.head.sha,
    headRef: pullRequest.head.ref,
    baseRef: pullRequest.base.ref,
    labels: labelNames(pullRequest.labels),
  };
  const changes: StoreChange[] = [];
  if (pullRequest.milestone) {
    changes.push({
      kind: "milestone",
      record: milestoneRecord(installationId, repository.id, pullRequest.milestone),
    });
  }
  changes.push({ kind: "pull_request", record });
  return { record, changes };
}

export function pullRequestChanges(
  action: string,
  payload: Record<string, unknown>,
  context: IngestContext,
): StoreChange[] | null {
  if (!SNAPSHOT_ACTIONS.has(action)) return null;
  const pullRequest = parse(pullRequestSchema, payload.pull_request, "pull_request");
  const { record, changes } = pullRequestSnapshot(context, pullRequest);
  const base = {
    installationId: context.installationId,
    repositoryId: record.repositoryId,
    pullRequestId: record.pullRequestId,
  };
  switch (action) {
    case "opened":
      changes.push({
        kind: "pull_request_timeline",
        record: {
          ...base,
          kind: pullRequest.draft ? "opened_as_draft" : "opened_ready",
          at: record.createdAt,
        },
      });
      break;
    case "ready_for_review":
    case "converted_to_draft":
      changes.push({
        kind: "pull_request_timeline",
        record: { ...base, kind: action, at: record.updatedAt },
      });
      break;
    case "review_requested":
    case "review_request_removed":
      changes.push(reviewRequestChange(action, payload, context, base, record.updatedAt));
      break;
  }
  if (UNSTALE_ACTIONS.has(action)) return changes;
  const left = parse(milestoneRefSchema.nullish(), payload.milestone, "milestone");
  return [
    ...changes,
    ...stalePullRequest(context, record.repositoryId, record.pullRequestId, [
      pullRequest.milestone?.id,
      left?.id,
    ]),
  ];
}

function reviewRequestChange(
  action: "review_requested" | "review_request_removed",
  payload: Record<string, unknown>,
  context: IngestContext,
  base: { installationId: number; repositoryId: number; pullRequestId: number },
  at: number,
): StoreChange {
  const by = context.sender ? normalizeActor(context.sender).login : null;
  if (payload.requested_team) {
    const team = parse(teamSchema, payload.requested_team, "requested_team");
    const repository = requireRepository(context);
    const org = repository.owner?.login ?? repository.full_name.split("/")[0];
    const record = {
      ...base,
      reviewer: `@${org}/${team.slug}`,
      reviewerType: "Team" as const,
      at,
      by,
    };
    return { kind: action, record };
  }
  const reviewer = normalizeActor(
    parse(userSchema, payload.requested_reviewer, "requested_reviewer"),
  );
  const record = {
    ...base,
    reviewer: reviewer.login,
    reviewerType: reviewer.type === "Bot" ? ("Bot" as const) : ("User" as const),
    at,
    by,
  };
  return { kind: action, record };
}
