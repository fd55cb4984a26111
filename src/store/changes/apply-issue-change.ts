import {
  markMilestoneDeleted,
  mergeIssue,
  mergeIssueComment,
  mergeMilestone,
} from "../merge-rules/index.js";
import type { StoreChange } from "../records.js";
import {
  deleteRow,
  getRow,
  listRows,
  mergeRow,
  putRow,
  type RowProgram,
} from "./row-operations.js";

export type IssueChange = Extract<
  StoreChange,
  {
    kind:
      | "milestone"
      | "milestone_deleted"
      | "issue"
      | "issue_deleted"
      | "issue_comment"
      | "issue_comment_deleted";
  }
>;

/** A change to a milestone, an issue or an issue's comments. */
export function* applyIssueChange(change: IssueChange): RowProgram<void> {
  switch (change.kind) {
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
    case "issue_comment_deleted":
      yield* deleteRow("issue_comments", {
        installationId: change.installationId,
        commentId: change.commentId,
      });
      return;
  }
}
