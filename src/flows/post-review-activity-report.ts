import type { PublishContext } from "../publish/index.js";
import { buildReviewActivityReport, type ReportRequest } from "./build-review-activity-report.js";
import {
  publishReviewActivityReport,
  type ReportPublication,
} from "./publish-review-activity-report.js";

/**
 * Builds a review-activity report from the store and posts it as the period's issue in `postTo`
 * ("owner/name"). A repository the store does not know may be public: private data stays out.
 */
export async function postReviewActivityReport(
  context: PublishContext,
  request: Omit<ReportRequest, "installationId" | "now" | "publicTarget">,
  postTo: string,
): Promise<ReportPublication> {
  const { store, installationId, now } = context;
  const [owner = "", repo = ""] = postTo.split("/");
  const postedIn = (await store.findRepositories(postTo)).find(
    (repository) => repository.installationId === installationId,
  );
  const report = await buildReviewActivityReport(store, {
    ...request,
    installationId,
    now,
    publicTarget: postedIn ? !postedIn.private : true,
  });
  return publishReviewActivityReport(
    context,
    { owner, repo, repositoryId: postedIn?.repositoryId },
    report,
    request.config,
  );
}
