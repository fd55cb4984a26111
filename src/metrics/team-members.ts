import type { MembershipSpan } from "../store/index.js";
import { type ActivityIndex, MEMBER_ASSOCIATIONS } from "./activity-index.js";
import { inPeriod, type Period } from "./period.js";

export interface TeamMembers {
  logins: ReadonlySet<string>;
  /** True when nobody listed the team: members are people with a member association active in the period. */
  inferred: boolean;
  /** For a team from GitHub: when each was in it; they count only then. */
  spans?: ReadonlyMap<string, readonly MembershipSpan[]>;
}

/**
 * The team: who GitHub says was in it during the period, the configured logins, or else everyone active in the period (PRs, reviews,
 * issues, comments) whom GitHub marks OWNER, MEMBER or COLLABORATOR. Bots are never members.
 */
export function teamMembers(
  index: ActivityIndex,
  period: Period,
  configured: readonly string[] | undefined,
  spans?: ReadonlyMap<string, readonly MembershipSpan[]>,
): TeamMembers {
  if (spans) {
    // A team from GitHub: whoever was in it some time in the period, from the day they joined
    // to the day they left.
    const logins = new Set<string>();
    for (const [login, times] of spans) {
      if (index.isBot(login)) continue;
      const during = times.some(
        (span) =>
          (span.from === null || span.from < period.until) &&
          (span.until === null || span.until > period.since),
      );
      if (during) logins.add(login);
    }
    return { logins, inferred: false, spans };
  }
  if (configured && configured.length > 0) {
    return { logins: new Set(configured.filter((login) => !index.isBot(login))), inferred: false };
  }
  const logins = new Set<string>();
  const consider = (
    actor: { login: string; type: string },
    association: string | null | undefined,
    at: number,
  ) => {
    if (!association || !MEMBER_ASSOCIATIONS.has(association) || !inPeriod(at, period)) return;
    if (actor.login === "ghost" || index.isBot(actor)) return;
    logins.add(actor.login);
  };
  const { activity } = index;
  for (const pr of activity.pullRequests) consider(pr.author, pr.authorAssociation, pr.createdAt);
  for (const review of activity.reviews)
    consider(review.reviewer, review.authorAssociation, review.submittedAt);
  for (const issue of activity.issues)
    consider(issue.author, issue.authorAssociation, issue.createdAt);
  for (const comment of activity.issueComments)
    consider(comment.author, comment.authorAssociation, comment.createdAt);
  return { logins, inferred: true };
}
