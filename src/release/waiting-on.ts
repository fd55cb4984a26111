import type { PullRequestRow } from "../store/index.js";
import type { ApprovalState } from "./approval-state.js";
import type { PendingReviewRequest } from "./pending-review-requests.js";

/** What a pull request needs next, and from whom (logins, or `@org/team`). */
export type WaitingOn =
  | { kind: "draft"; on: string[] }
  | { kind: "changes"; on: string[]; requestedBy: string[] }
  | { kind: "merge"; on: string[]; approvedBy: string[] }
  | { kind: "review"; on: string[] };

/**
 * A draft waits on its author; requested changes wait on the author unless the reviewer was asked
 * again since; an approved PR waits on a merge; anything else waits on its pending reviewers.
 */
export function waitingOn(
  pullRequest: Pick<PullRequestRow, "draft" | "author">,
  approval: ApprovalState,
  pending: readonly PendingReviewRequest[],
): WaitingOn {
  const author = pullRequest.author.login;
  if (pullRequest.draft) return { kind: "draft", on: [author] };
  const askedAgain = new Set(
    pending
      .filter((request) => request.requestedAt > (approval.verdictAt.get(request.reviewer) ?? 0))
      .map((request) => request.reviewer),
  );
  const requestedBy = approval.changesRequestedBy.filter((login) => !askedAgain.has(login));
  if (requestedBy.length > 0) return { kind: "changes", on: [author], requestedBy };
  if (approval.approved) return { kind: "merge", on: [author], approvedBy: approval.approvedBy };
  return { kind: "review", on: pending.map((request) => request.reviewer) };
}
