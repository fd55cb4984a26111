import type {
  Activity,
  Actor,
  IssueCommentRecord,
  PullRequestRow,
  ReviewRequestRow,
  ReviewRow,
} from "../store/index.js";
import { draftPeriods, type Interval } from "./draft-periods.js";
import { isBot } from "./is-bot.js";

/** Author associations GitHub gives people with write access or membership. */
export const MEMBER_ASSOCIATIONS: ReadonlySet<string> = new Set([
  "OWNER",
  "MEMBER",
  "COLLABORATOR",
]);

/**
 * The activity looked up by PR and issue, built once per report so that every metric is a
 * pass over maps rather than a scan per PR.
 */
export interface ActivityIndex {
  activity: Activity;
  pullRequests: ReadonlyMap<number, PullRequestRow>;
  /** Per PR, sorted by submission time. */
  reviews: ReadonlyMap<number, readonly ReviewRow[]>;
  /** Per PR, the reviews by people other than its author (no bots), sorted by submission time. */
  peerReviews: ReadonlyMap<number, readonly ReviewRow[]>;
  /** Per PR, sorted by request time. */
  requests: ReadonlyMap<number, readonly ReviewRequestRow[]>;
  drafts: ReadonlyMap<number, readonly Interval[]>;
  /** Per issue, sorted by creation time. */
  comments: ReadonlyMap<number, readonly IssueCommentRecord[]>;
  repositoryNames: ReadonlyMap<number, string>;
  isBot(actor: Actor | string): boolean;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => number, at: (row: T) => number) {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const id = key(row);
    const group = groups.get(id);
    if (group) group.push(row);
    else groups.set(id, [row]);
  }
  for (const group of groups.values()) {
    if (group.some((row, i) => i > 0 && at(group[i - 1] as T) > at(row)))
      group.sort((a, b) => at(a) - at(b));
  }
  return groups;
}

export function indexActivity(activity: Activity, bots: readonly string[] = []): ActivityIndex {
  const pullRequests = new Map(activity.pullRequests.map((pr) => [pr.pullRequestId, pr]));
  const timeline = groupBy(
    activity.timeline,
    (row) => row.pullRequestId,
    (row) => row.at,
  );
  const drafts = new Map<number, Interval[]>();
  for (const pr of activity.pullRequests) {
    const periods = draftPeriods(pr, timeline.get(pr.pullRequestId) ?? []);
    if (periods.length > 0) drafts.set(pr.pullRequestId, periods);
  }
  const botLogins = new Map<string, boolean>();
  const isBotActor = (actor: Actor | string) => {
    if (typeof actor !== "string" && actor.type === "Bot") return true;
    const login = typeof actor === "string" ? actor : actor.login;
    let known = botLogins.get(login);
    if (known === undefined) {
      known = isBot(login, bots);
      botLogins.set(login, known);
    }
    return known;
  };
  const reviews = groupBy(
    activity.reviews,
    (row) => row.pullRequestId,
    (row) => row.submittedAt,
  );
  const peerReviews = new Map<number, ReviewRow[]>();
  for (const [pullRequestId, list] of reviews) {
    const author = pullRequests.get(pullRequestId)?.author.login;
    const peers = list.filter((r) => r.reviewer.login !== author && !isBotActor(r.reviewer));
    if (peers.length > 0) peerReviews.set(pullRequestId, peers);
  }
  return {
    activity,
    pullRequests,
    reviews,
    peerReviews,
    requests: groupBy(
      activity.reviewRequests,
      (row) => row.pullRequestId,
      (row) => row.requestedAt,
    ),
    drafts,
    comments: groupBy(
      activity.issueComments,
      (row) => row.issueId,
      (row) => row.createdAt,
    ),
    repositoryNames: new Map(activity.repositories.map((r) => [r.repositoryId, r.fullName])),
    isBot: isBotActor,
  };
}
