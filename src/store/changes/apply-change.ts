import { queueStaleRelease, staleSubject } from "../jobs/index.js";
import {
  mergeInstallation,
  mergeRepository,
  purgeSubject,
  requestPurge,
} from "../merge-rules/index.js";
import type { StoreChange } from "../records.js";
import { applyIssueChange } from "./apply-issue-change.js";
import { applyPullRequestChange } from "./apply-pull-request-change.js";
import { applyTeamChange } from "./apply-team-change.js";
import { recordRemoval } from "./record-programs.js";
import { mergeRow, purgeRows, type RowProgram } from "./row-operations.js";

/**
 * One change, written once for every backend: which rows it reads, which merge rule decides,
 * what it writes. A backend runs it inside the transaction of the delivery or page it is in.
 */
export function* applyChange(change: StoreChange): RowProgram<void> {
  switch (change.kind) {
    case "pull_request":
    case "pull_request_timeline":
    case "review_requested":
    case "review_request_removed":
    case "review":
      return yield* applyPullRequestChange(change);
    case "milestone":
    case "milestone_deleted":
    case "issue":
    case "issue_deleted":
    case "issue_comment":
    case "issue_comment_deleted":
      return yield* applyIssueChange(change);
    case "team":
    case "team_deleted":
    case "team_membership":
    case "organization_member_left":
    case "team_repository":
    case "team_repositories_listed":
    case "repository_owners":
      return yield* applyTeamChange(change);
    case "installation": {
      const { installationId } = change.record;
      yield* mergeRow("installations", { installationId }, (stored) =>
        mergeInstallation(stored, change.record),
      );
      return;
    }
    case "installation_deleted":
      yield* purgeRows({ installationId: change.installationId });
      yield* recordRemoval(change.installationId, 0, change.at);
      return;
    case "repository": {
      const { installationId, repositoryId } = change.record;
      yield* mergeRow("repositories", { installationId, repositoryId }, (stored) =>
        mergeRepository(stored, change.record),
      );
      return;
    }
    case "repository_removed": {
      const { installationId, repositoryId } = change;
      yield* purgeRows({ installationId, repositoryId });
      yield* recordRemoval(installationId, repositoryId, change.at);
      return;
    }
    case "purge_requested": {
      const { installationId, repositoryId } = change.record;
      yield* mergeRow(
        "pending_purges",
        { installationId, subject: purgeSubject(repositoryId) },
        (stored) => requestPurge(stored, change.record),
      );
      return;
    }
    case "release_stale": {
      const { installationId, repositoryId, subject } = change.record;
      yield* mergeRow(
        "publish_queue",
        { installationId, repositoryId, subject: staleSubject(subject) },
        (stored) => queueStaleRelease(stored, change.record),
      );
      return;
    }
  }
}
