import type { IssueRecord, StoreChange } from "../store/index.js";
import { type IngestContext, requireRepository } from "./context.js";
import { labelNames, milestoneRecord, millis, normalizeActor } from "./normalize-fields.js";
import { parse } from "./parse.js";
import { type IssuePayload, issueSchema } from "./payload-schemas.js";

const SNAPSHOT_ACTIONS = new Set([
  "opened",
  "edited",
  "labeled",
  "unlabeled",
  "closed",
  "reopened",
  "milestoned",
  "demilestoned",
]);

/** The issue as the payload saw it and its milestone; shared by issue and comment events. */
export function issueSnapshot(context: IngestContext, issue: IssuePayload): StoreChange[] {
  const repository = requireRepository(context);
  const { installationId } = context;
  const record: IssueRecord = {
    installationId,
    repositoryId: repository.id,
    issueId: issue.id,
    number: issue.number,
    title: issue.title,
    author: normalizeActor(issue.user),
    authorAssociation: issue.author_association,
    labels: labelNames(issue.labels),
    state: issue.state,
    createdAt: millis(issue.created_at),
    updatedAt: millis(issue.updated_at),
    closedAt: millis(issue.closed_at),
    milestoneId: issue.milestone?.id ?? null,
  };
  const changes: StoreChange[] = [];
  if (issue.milestone) {
    changes.push({
      kind: "milestone",
      record: milestoneRecord(installationId, repository.id, issue.milestone),
    });
  }
  changes.push({ kind: "issue", record });
  return changes;
}

export function issuesChanges(
  action: string,
  payload: Record<string, unknown>,
  context: IngestContext,
): StoreChange[] | null {
  const isSnapshot = SNAPSHOT_ACTIONS.has(action);
  if (!isSnapshot && action !== "deleted" && action !== "transferred") return null;
  const issue = parse(issueSchema, payload.issue, "issue");
  // Pull requests are followed through pull_request events.
  if (issue.pull_request !== undefined) return [];
  if (isSnapshot) return issueSnapshot(context, issue);
  // A transferred issue lives on in another repository under a new id.
  return [{ kind: "issue_deleted", installationId: context.installationId, issueId: issue.id }];
}
