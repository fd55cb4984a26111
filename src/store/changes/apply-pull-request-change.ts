import {
  addTimelineEntry,
  mergePullRequest,
  mergeReview,
  mergeReviewRequest,
} from "../merge-rules/index.js";
import type { StoreChange } from "../records.js";
import { getRow, listRows, putRow, type RowProgram } from "./row-operations.js";
import { syncRows } from "./sync-rows.js";

export type PullRequestChange = Extract<
  StoreChange,
  {
    kind:
      | "pull_request"
      | "pull_request_timeline"
      | "review_requested"
      | "review_request_removed"
      | "review";
  }
>;

/** A change to a pull request, its timeline, its review requests or its reviews. */
export function* applyPullRequestChange(change: PullRequestChange): RowProgram<void> {
  switch (change.kind) {
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
  }
}
