import {
  addTimelineEntry,
  markMilestoneDeleted,
  markTeamDeleted,
  mergeInstallation,
  mergeIssue,
  mergeIssueComment,
  mergeMilestone,
  mergePullRequest,
  mergeRepository,
  mergeReview,
  mergeReviewRequest,
  mergeTeam,
  mergeTeamMembership,
  purgeSubject,
  queueStaleRelease,
  requestPurge,
  staleSubject,
} from "../merge-rules/index.js";
import type { StoreChange } from "../records.js";
import { recordRemoval } from "./record-programs.js";
import {
  deleteRow,
  getRow,
  listRows,
  mergeRow,
  purgeRows,
  putRow,
  type RowProgram,
} from "./row-operations.js";
import { syncRows } from "./sync-rows.js";

/**
 * One change, written once for every backend: which rows it reads, which merge rule decides,
 * what it writes. A backend runs it inside the transaction of the delivery or page it is in.
 */
export function* applyChange(change: StoreChange): RowProgram<void> {
  switch (change.kind) {
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
    case "pull_request": {
      const key = {
        installationId: change.record.installationId,
        pullRequestId: change.record.pullRequestId,
      };
      const stored = yield* getRow("pull_requests", key);
      const timeline = yield* listRows("pull_request_timeline", key);
      const next = mergePullRequest(stored, timeline, change.record);
      if (next) yield* putRow("pull_requests", next);
      return;
    }
    case "pull_request_timeline": {
      const key = {
        installationId: change.record.installationId,
        pullRequestId: change.record.pullRequestId,
      };
      const pullRequest = yield* getRow("pull_requests", key);
      const timeline = yield* listRows("pull_request_timeline", key);
      const next = addTimelineEntry(pullRequest, timeline, change.record);
      if (next.entry) yield* putRow("pull_request_timeline", next.entry);
      if (next.pullRequest) yield* putRow("pull_requests", next.pullRequest);
      return;
    }
    case "review_requested":
    case "review_request_removed": {
      const { installationId, pullRequestId, reviewer } = change.record;
      const group = { installationId, pullRequestId, reviewer };
      const requests = yield* listRows("review_requests", group);
      const removals = yield* listRows("review_request_removals", group);
      const next = mergeReviewRequest(
        { requests, removals },
        { removed: change.kind === "review_request_removed", record: change.record },
      );
      yield* syncRows("review_requests", requests, next.requests);
      yield* syncRows("review_request_removals", removals, next.removals);
      return;
    }
    case "review": {
      const { installationId, reviewId } = change.record;
      const next = mergeReview(
        yield* getRow("reviews", { installationId, reviewId }),
        change.record,
      );
      if (next) yield* putRow("reviews", next);
      return;
    }
    case "milestone": {
      const { installationId, milestoneId } = change.record;
      yield* mergeRow("milestones", { installationId, milestoneId }, (stored) =>
        mergeMilestone(stored, change.record),
      );
      return;
    }
    case "milestone_deleted": {
      const { installationId, milestoneId } = change;
      yield* mergeRow("milestones", { installationId, milestoneId }, (stored) =>
        markMilestoneDeleted(stored, change.at),
      );
      return;
    }
    case "issue": {
      const { installationId, issueId } = change.record;
      yield* mergeRow("issues", { installationId, issueId }, (stored) =>
        mergeIssue(stored, change.record),
      );
      return;
    }
    case "issue_deleted": {
      const { installationId, issueId } = change;
      yield* deleteRow("issues", { installationId, issueId });
      for (const comment of yield* listRows("issue_comments", { installationId, issueId }))
        yield* deleteRow("issue_comments", { installationId, commentId: comment.commentId });
      return;
    }
    case "issue_comment": {
      const { installationId, commentId } = change.record;
      const stored = yield* getRow("issue_comments", { installationId, commentId });
      const next = mergeIssueComment(stored, change.record);
      if (next) yield* putRow("issue_comments", next);
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
    case "issue_comment_deleted":
      yield* deleteRow("issue_comments", {
        installationId: change.installationId,
        commentId: change.commentId,
      });
      return;
    case "team": {
      const { installationId, teamId } = change.record;
      yield* mergeRow("teams", { installationId, teamId }, (stored) =>
        mergeTeam(stored, change.record, change.membersKnownAt),
      );
      return;
    }
    case "team_deleted": {
      const { installationId, teamId } = change;
      yield* mergeRow("teams", { installationId, teamId }, (stored) =>
        markTeamDeleted(stored, change.at),
      );
      return;
    }
    case "team_membership": {
      const { installationId, teamId } = change;
      const group = { installationId, teamId };
      const members = yield* listRows("team_members", group);
      yield* syncRows(
        "team_members",
        members,
        mergeTeamMembership(members, installationId, teamId, change.change),
      );
      return;
    }
    case "organization_member_left": {
      const { installationId, login, at } = change;
      const organization = change.organization.toLowerCase();
      for (const team of yield* listRows("teams", { installationId, organization })) {
        const group = { installationId, teamId: team.teamId };
        const members = yield* listRows("team_members", group);
        const next = mergeTeamMembership(members, installationId, team.teamId, {
          kind: "left",
          login,
          at,
        });
        yield* syncRows("team_members", members, next);
      }
      return;
    }
    case "team_repository": {
      const { installationId, teamId, repositoryId, fullName } = change;
      if (change.granted)
        yield* putRow("team_repositories", { installationId, teamId, repositoryId, fullName });
      else yield* deleteRow("team_repositories", { installationId, teamId, repositoryId });
      return;
    }
    case "team_repositories_listed": {
      const { installationId, teamId } = change;
      const stored = yield* listRows("team_repositories", { installationId, teamId });
      const byId = new Map(stored.map((row) => [row.repositoryId, row]));
      const next = change.repositories.map((repository) => {
        const known = byId.get(repository.repositoryId);
        return known?.fullName === repository.fullName
          ? known
          : { installationId, teamId, ...repository };
      });
      yield* syncRows("team_repositories", stored, next);
      return;
    }
    case "repository_owners": {
      const { installationId, repositoryId, at } = change;
      const teams = [...new Set(change.teams.map((team) => team.toLowerCase()))].sort();
      yield* mergeRow("repository_owners", { installationId, repositoryId }, (stored) =>
        stored && stored.readAt > at
          ? undefined
          : { installationId, repositoryId, teams, readAt: at },
      );
      return;
    }
  }
}
