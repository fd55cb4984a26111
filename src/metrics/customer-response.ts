import type { IssueRecord, Millis } from "../store/index.js";
import { activeTime, type Hours } from "./active-time.js";
import { type ActivityIndex, MEMBER_ASSOCIATIONS } from "./activity-index.js";
import { isMemberAt } from "./is-member-at.js";
import { asOf, type MeasureContext } from "./measure-context.js";
import { inPeriod } from "./period.js";
import { type DurationSummary, summarizeDurations } from "./pull-request-timings.js";
import type { TeamMembers } from "./team-members.js";

// "bug", "type: bug", "kind/bug": a question answered and closed needs no root cause analysis.
const BUG = /bug/i;

export interface CustomerSettings {
  /** Issues with any of these labels are customer issues. */
  labels: readonly string[];
  /** Labels that mark an RCA as done. */
  rcaLabels: readonly string[];
  sla_business_hours: number;
}

/** A customer issue nobody from the team has answered yet. */
export interface AwaitingIssue {
  repository: string;
  number: number;
  title: string;
  author: string;
  since: Millis;
  business_hours: number;
  wall_hours: number;
  over_sla: boolean;
}

/** A first response to a customer issue opened in the period, and who gave it. */
export interface FirstResponse {
  login: string;
  business_hours: number;
  wall_hours: number;
  over_sla: boolean;
}

export interface CustomerResponse {
  /** Customer issues opened in the period. */
  opened: number;
  /** Of those, answered by a member: created -> first member comment. */
  first_response: DurationSummary;
  /** Each of those first responses with who gave it, in the order the issues were opened. */
  responders: FirstResponse[];
  /**
   * Opened in the period and answered after the SLA, closed without any response (closing
   * silently is not help, whenever it happens), or still waiting past the SLA.
   */
  sla_breaches: number;
  /** Opened in the period and closed without any member comment. */
  closed_without_response: number;
  /** Opened in the period and still waiting for a first response, within the SLA or past it. */
  still_awaiting: number;
  /** Customer issues open at the evaluation instant with no member comment yet, longest first. */
  awaiting: AwaitingIssue[];
  /** Customer bugs (a label containing "bug") closed in the period, and how many carry an RCA label. */
  closed: number;
  closed_with_rca: number;
}

function isMember(
  login: string,
  association: string | null | undefined,
  members: TeamMembers,
  at: number,
): boolean {
  return (
    (!members.inferred && isMemberAt(members, login, at)) ||
    (association !== null && association !== undefined && MEMBER_ASSOCIATIONS.has(association))
  );
}

/** Labelled customer issues, and issues opened by people outside the team (not bots). */
function isCustomerIssue(
  issue: IssueRecord,
  index: ActivityIndex,
  members: TeamMembers,
  labels: readonly string[],
): boolean {
  if (issue.labels.some((label) => labels.includes(label))) return true;
  if (index.isBot(issue.author) || issue.author.login === "ghost") return false;
  return !isMember(issue.author.login, issue.authorAssociation, members, issue.createdAt);
}

/**
 * First response to customer issues: the first comment by a member (OWNER, MEMBER,
 * COLLABORATOR or a listed team member) who is not the author and not a bot.
 */
export function customerResponse(
  index: ActivityIndex,
  context: MeasureContext,
  members: TeamMembers,
  settings: CustomerSettings,
): CustomerResponse {
  const at = asOf(context);
  const { period, calendar } = context;
  const responses: Hours[] = [];
  const responders: FirstResponse[] = [];
  const awaiting: AwaitingIssue[] = [];
  let opened = 0;
  let breaches = 0;
  let closedWithout = 0;
  let stillAwaiting = 0;
  let closed = 0;
  let closedWithRca = 0;
  for (const issue of index.activity.issues) {
    if (issue.createdAt > at || !isCustomerIssue(issue, index, members, settings.labels)) continue;
    const response = (index.comments.get(issue.issueId) ?? []).find(
      (comment) =>
        comment.createdAt <= at &&
        comment.author.login !== issue.author.login &&
        !index.isBot(comment.author) &&
        isMember(comment.author.login, comment.authorAssociation, members, comment.createdAt),
    );
    const closedAt = issue.closedAt !== null && issue.closedAt <= at ? issue.closedAt : null;
    const waited = activeTime(calendar, issue.createdAt, response?.createdAt ?? closedAt ?? at);
    const overSla = waited.business > settings.sla_business_hours;
    if (inPeriod(issue.createdAt, period)) {
      opened += 1;
      if (response) {
        responses.push(waited);
        responders.push({
          login: response.author.login,
          business_hours: waited.business,
          wall_hours: waited.wall,
          over_sla: overSla,
        });
        if (overSla) breaches += 1;
      } else if (closedAt !== null) {
        // Closed without a word is no help to the customer, however soon it was closed.
        closedWithout += 1;
        breaches += 1;
      } else {
        stillAwaiting += 1;
        if (overSla) breaches += 1;
      }
    }
    if (inPeriod(closedAt, period) && issue.labels.some((label) => BUG.test(label))) {
      closed += 1;
      if (issue.labels.some((label) => settings.rcaLabels.includes(label))) closedWithRca += 1;
    }
    if (!response && closedAt === null) {
      awaiting.push({
        repository: index.repositoryNames.get(issue.repositoryId) ?? String(issue.repositoryId),
        number: issue.number,
        title: issue.title,
        author: issue.author.login,
        since: issue.createdAt,
        business_hours: waited.business,
        wall_hours: waited.wall,
        over_sla: overSla,
      });
    }
  }
  awaiting.sort((a, b) => b.business_hours - a.business_hours || a.number - b.number);
  return {
    opened,
    first_response: summarizeDurations(responses),
    responders,
    sla_breaches: breaches,
    closed_without_response: closedWithout,
    still_awaiting: stillAwaiting,
    awaiting,
    closed,
    closed_with_rca: closedWithRca,
  };
}
