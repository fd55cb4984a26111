import type { Millis } from "../store/index.js";
import { activeTime } from "./active-time.js";
import type { ActivityIndex } from "./activity-index.js";
import { isDraftAt } from "./draft-periods.js";
import { asOf, type MeasureContext } from "./measure-context.js";
import { firstPeerReview } from "./pull-request-timings.js";
import type { RequestOutcome } from "./request-outcomes.js";

/** Someone waiting on someone else right now, for longer than the SLA allows. */
export interface WaitingItem {
  kind: "review_request" | "first_review";
  repository: string;
  number: number;
  title: string;
  author: string;
  /** The requested reviewer (a login or `@org/team`); null when nobody was asked. */
  waiting_on: string | null;
  since: Millis;
  /** Business hours waited so far, draft time left out. */
  business_hours: number;
  wall_hours: number;
  sla_hours: number;
}

export interface UnblockSla {
  review_request_business_hours: number;
  first_review_business_hours: number;
}

/**
 * Review requests and PRs waiting for a first review longer than the SLA, at the evaluation
 * instant, longest first. Drafts and bots' PRs are not waiting on anyone. A PR whose request is
 * listed is not listed again for its first review.
 */
export function unblockList(
  index: ActivityIndex,
  outcomes: readonly RequestOutcome[],
  context: MeasureContext,
  sla: UnblockSla,
): WaitingItem[] {
  const at = asOf(context);
  const items: WaitingItem[] = [];
  const listed = new Set<number>();
  const base = (pullRequestId: number) => {
    const pr = index.pullRequests.get(pullRequestId);
    if (!pr || index.isBot(pr.author)) return undefined;
    if (pr.createdAt > at || (pr.closedAt !== null && pr.closedAt <= at)) return undefined;
    if (isDraftAt(index.drafts.get(pullRequestId) ?? [], at)) return undefined;
    return {
      pr,
      repository: index.repositoryNames.get(pr.repositoryId) ?? String(pr.repositoryId),
      number: pr.number,
      title: pr.title,
      author: pr.author.login,
    };
  };

  for (const outcome of outcomes) {
    if (outcome.status !== "pending" || !outcome.waited) continue;
    if (outcome.waited.business <= sla.review_request_business_hours) continue;
    const found = base(outcome.request.pullRequestId);
    if (!found) continue;
    const { pr, ...fields } = found;
    listed.add(pr.pullRequestId);
    items.push({
      kind: "review_request",
      ...fields,
      waiting_on: outcome.request.reviewer,
      since: outcome.request.requestedAt,
      business_hours: outcome.waited.business,
      wall_hours: outcome.waited.wall,
      sla_hours: sla.review_request_business_hours,
    });
  }

  for (const pr of index.pullRequests.values()) {
    if (pr.readyAt === null || pr.readyAt > at || listed.has(pr.pullRequestId)) continue;
    const found = base(pr.pullRequestId);
    if (!found || firstPeerReview(index, pr, at)) continue;
    const waited = activeTime(
      context.calendar,
      pr.readyAt,
      at,
      index.drafts.get(pr.pullRequestId) ?? [],
    );
    if (waited.business <= sla.first_review_business_hours) continue;
    const { pr: _pr, ...fields } = found;
    items.push({
      kind: "first_review",
      ...fields,
      waiting_on: null,
      since: pr.readyAt,
      business_hours: waited.business,
      wall_hours: waited.wall,
      sla_hours: sla.first_review_business_hours,
    });
  }

  return items.sort(
    (a, b) =>
      b.business_hours - a.business_hours ||
      a.repository.localeCompare(b.repository) ||
      a.number - b.number,
  );
}
