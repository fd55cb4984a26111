import { type ActivityIndex, MEMBER_ASSOCIATIONS } from "./activity-index.js";
import { inPeriod, type Period } from "./period.js";

export interface TeamMembers {
  logins: ReadonlySet<string>;
  /** True when nobody listed the team: members are people with a member association active in the period. */
  inferred: boolean;
}

/**
 * The team: the configured logins, or else everyone active in the period (PRs, reviews,
 * issues, comments) whom GitHub marks OWNER, MEMBER or COLLABORATOR. Bots are never members.
 */
export function teamMembers(
  index: ActivityIndex,
  period: Period,
  configured: readonly string[] | undefined,
): TeamMembers {
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
