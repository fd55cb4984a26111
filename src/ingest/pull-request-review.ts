import type { StoreChange } from "../store/index.js";
import { type IngestContext, MalformedPayloadError } from "./context.js";
import { millis, normalizeActor, normalizeReviewState } from "./normalize-fields.js";
import { parse } from "./parse.js";
import { pullRequestSchema, reviewSchema } from "./payload-schemas.js";
import { pullRequestSnapshot } from "./pull-request.js";
import { stalePullRequest } from "./stale-release.js";

/** A review also carries its PR, so a review that arrives before `opened` still yields the PR. */
export function pullRequestReviewChanges(
  action: string,
  payload: Record<string, unknown>,
  context: IngestContext,
): StoreChange[] | null {
  if (action !== "submitted" && action !== "edited" && action !== "dismissed") return null;
  const review = parse(reviewSchema, payload.review, "review");
  const pullRequest = parse(pullRequestSchema, payload.pull_request, "pull_request");
  const { record: pr, changes } = pullRequestSnapshot(context, pullRequest);
  // A submitted or dismissed review may change the pull request's approval; an edit does not.
  const stale =
    action === "edited"
      ? []
      : stalePullRequest(context, pr.repositoryId, pr.pullRequestId, [pullRequest.milestone?.id]);
  const { state, dismissed, pending } = normalizeReviewState(review.state);
  if (pending) return [...changes, ...stale];
  const submittedAt = millis(review.submitted_at);
  if (submittedAt === null) throw new MalformedPayloadError("review.submitted_at: missing");
  changes.push({
    kind: "review",
    record: {
      installationId: context.installationId,
      repositoryId: pr.repositoryId,
      pullRequestId: pr.pullRequestId,
      reviewId: review.id,
      reviewer: normalizeActor(review.user),
      state,
      dismissed: dismissed || action === "dismissed",
      submittedAt,
      commitId: review.commit_id ?? null,
      authorAssociation: review.author_association,
    },
  });
  return [...changes, ...stale];
}
