import { closeIssue, writeIssueInParts } from "../publish/index.js";
import { MILESTONE_ISSUE_LABEL, milestoneIssue, milestoneIssueKey } from "../release/index.js";
import type { ReleaseUpdate } from "./update-release-readiness.js";

/**
 * The issue of each milestone in scope (when `release.milestone_issue` is on): kept current
 * while the milestone is open and due, closed when it closes, is deleted or loses its date.
 */
export async function updateMilestoneIssues(update: ReleaseUpdate): Promise<void> {
  const { context, ref, scope, config } = update;
  if (!config.release.milestone_issue) return;
  for (const [id, milestone] of scope.milestones) {
    const issue = { key: milestoneIssueKey(id), labels: [MILESTONE_ISSUE_LABEL] };
    const gone = milestone.deletedAt !== null || milestone.dueOn === null;
    if (gone || milestone.state === "closed") {
      if (scope.issueKnown.get(id))
        await update.attempt({ milestone: milestone.number }, () =>
          closeIssue(context, ref, issue, gone ? "not_planned" : "completed"),
        );
      continue;
    }
    const open = scope.openMembers(id);
    if (open.length === 0 && !scope.issueKnown.get(id)) continue;
    const all = scope.members.get(id) ?? [];
    await update.attempt({ milestone: milestone.number }, async () => {
      const content = milestoneIssue({
        milestone,
        open: open.map(update.readinessOf),
        merged: all.filter((pr) => pr.mergedAt !== null).length,
        closedUnmerged: all.filter((pr) => pr.state === "closed" && pr.mergedAt === null).length,
        repositoryUrl: update.repositoryUrl,
        calendar: update.calendar,
        now: update.now,
        recordNotice: update.recordNotice(Math.min(...all.map((pr) => pr.createdAt))),
      });
      // Thousands of open pull requests do not fit one body: the table continues in comments.
      return (await writeIssueInParts(context, ref, content, "Release readiness")).result;
    });
  }
}
