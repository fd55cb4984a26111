import type { PersonParticipation } from "./review-participation.js";
import type { TeamMembers } from "./team-members.js";

export interface TeamParticipation {
  members: number;
  /** Members who gave at least one review in the period. */
  members_who_reviewed: number;
  /** members_who_reviewed / members; null without members. */
  share_reviewing: number | null;
  /** Reviews given in the period by people (members or not). */
  reviews: number;
  /** The person who gave the most reviews, and their share of all reviews. */
  top_reviewer: { login: string; reviews: number; share: number } | null;
}

/**
 * `reviewers`: the members who reviewed while they were in the team (a team from GitHub);
 * otherwise every member who reviewed in the period.
 */
export function teamParticipation(
  people: readonly PersonParticipation[],
  members: TeamMembers,
  reviewers?: ReadonlySet<string>,
): TeamParticipation {
  const reviewing =
    reviewers?.size ?? people.filter((p) => p.reviews > 0 && members.logins.has(p.login)).length;
  const reviews = people.reduce((sum, p) => sum + p.reviews, 0);
  const top = [...people].sort(
    (a, b) => b.reviews - a.reviews || a.login.localeCompare(b.login),
  )[0];
  return {
    members: members.logins.size,
    members_who_reviewed: reviewing,
    share_reviewing: members.logins.size > 0 ? reviewing / members.logins.size : null,
    reviews,
    top_reviewer:
      top && top.reviews > 0
        ? { login: top.login, reviews: top.reviews, share: top.reviews / reviews }
        : null,
  };
}
