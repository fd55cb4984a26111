import type { Delivery } from "../../src/ingest/index.js";

/**
 * A hand-made history of one repository, told once and shown two ways: as the webhook
 * deliveries GitHub sends while it happens (`webhookDeliveries`) and as what its REST and
 * GraphQL APIs answer afterwards (`serveHistory` of test/helpers/github). Backfilling the
 * second must give the store that replaying the first gives.
 */

export interface User {
  login: string;
  id: number;
  type: "User" | "Bot";
}

export interface HistoryMilestone {
  id: number;
  number: number;
  title: string;
  dueOn: string | null;
  createdAt: string;
  /** Closed at this time (its last update), or still open. */
  closedAt: string | null;
}

export type PullRequestEvent =
  | { kind: "opened"; at: string; draft: boolean }
  | {
      kind: "review_requested" | "review_request_removed";
      at: string;
      by: User;
      reviewer: User | { team: string };
    }
  | { kind: "ready_for_review" | "converted_to_draft"; at: string; by: User }
  | {
      kind: "review";
      at: string;
      id: number;
      by: User;
      state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED";
      association: string;
    }
  | { kind: "review_dismissed"; at: string; reviewId: number; by: User }
  | { kind: "milestoned"; at: string; by: User; milestone: number }
  | { kind: "demilestoned"; at: string; by: User }
  | { kind: "labeled"; at: string; by: User; label: string }
  | { kind: "closed"; at: string; by: User; merged: boolean };

export interface HistoryPullRequest {
  id: number;
  nodeId: string;
  number: number;
  title: string;
  author: User;
  association: string;
  headSha: string;
  headRef: string;
  events: PullRequestEvent[];
}

export interface HistoryComment {
  id: number;
  author: User;
  association: string;
  at: string;
}

export interface HistoryIssue {
  id: number;
  nodeId: string;
  number: number;
  title: string;
  author: User;
  association: string;
  labels: string[];
  createdAt: string;
  closedAt: string | null;
  milestone: number | null;
  comments: HistoryComment[];
}

export interface History {
  installationId: number;
  repository: { id: number; owner: string; ownerId: number; name: string; private: boolean };
  milestones: HistoryMilestone[];
  pullRequests: HistoryPullRequest[];
  issues: HistoryIssue[];
}

/** GitHub's account for deleted users: REST and webhooks name it, GraphQL gives null. */
export const GHOST: User = { login: "ghost", id: 10137, type: "User" };

export function lastEventAt(pr: HistoryPullRequest): string {
  return (
    pr.events
      .map((e) => e.at)
      .sort()
      .at(-1) ?? ""
  );
}

export function issueUpdatedAt(issue: HistoryIssue): string {
  const times = [issue.createdAt, ...issue.comments.map((c) => c.at)];
  if (issue.closedAt) times.push(issue.closedAt);
  return times.sort().at(-1) as string;
}

// ---- REST shapes (webhook payloads and REST responses) --------------------------------------

export function restUser(user: User) {
  return {
    login: user.login,
    id: user.id,
    node_id: `U_${user.id}`,
    type: user.type,
    site_admin: false,
    url: `https://api.github.com/users/${encodeURIComponent(user.login)}`,
  };
}

export function restRepository(history: History) {
  const { repository } = history;
  return {
    id: repository.id,
    node_id: `R_${repository.id}`,
    name: repository.name,
    full_name: `${repository.owner}/${repository.name}`,
    private: repository.private,
    owner: { login: repository.owner, id: repository.ownerId, type: "Organization" },
  };
}

/** A milestone as REST gives it at `at` (null: now, its final state). */
export function restMilestone(milestone: HistoryMilestone, at: string | null) {
  const closed = milestone.closedAt !== null && (at === null || at >= milestone.closedAt);
  return {
    url: `https://api.github.com/repos/o/r/milestones/${milestone.number}`,
    id: milestone.id,
    node_id: `MI_${milestone.id}`,
    number: milestone.number,
    title: milestone.title,
    description: null,
    creator: restUser({ login: "lead", id: 9, type: "User" }),
    open_issues: 0,
    closed_issues: 0,
    state: closed ? "closed" : "open",
    created_at: milestone.createdAt,
    updated_at: closed ? milestone.closedAt : milestone.createdAt,
    due_on: milestone.dueOn,
    closed_at: closed ? milestone.closedAt : null,
  };
}

/** What a pull request looks like after the events up to and including `upTo`. */
export function pullRequestStateAt(pr: HistoryPullRequest, upTo: number) {
  const state = {
    draft: false,
    open: true,
    merged: false,
    mergedAt: null as string | null,
    mergedBy: null as User | null,
    closedAt: null as string | null,
    milestone: null as number | null,
    labels: [] as string[],
    requested: [] as (User | { team: string })[],
  };
  const sameReviewer = (a: User | { team: string }, b: User | { team: string }) =>
    "team" in a ? "team" in b && a.team === b.team : "login" in b && a.login === b.login;
  for (const event of pr.events.slice(0, upTo + 1)) {
    switch (event.kind) {
      case "opened":
        state.draft = event.draft;
        break;
      case "ready_for_review":
        state.draft = false;
        break;
      case "converted_to_draft":
        state.draft = true;
        break;
      case "review_requested":
        state.requested.push(event.reviewer);
        break;
      case "review_request_removed":
        state.requested = state.requested.filter((r) => !sameReviewer(r, event.reviewer));
        break;
      case "milestoned":
        state.milestone = event.milestone;
        break;
      case "demilestoned":
        state.milestone = null;
        break;
      case "labeled":
        state.labels = [...state.labels, event.label];
        break;
      case "closed":
        state.open = false;
        state.closedAt = event.at;
        state.merged = event.merged;
        state.mergedAt = event.merged ? event.at : null;
        state.mergedBy = event.merged ? event.by : null;
        break;
    }
  }
  return state;
}

function restPullRequest(
  history: History,
  pr: HistoryPullRequest,
  upTo: number,
  shape: "full" | "review",
) {
  const at = pr.events[upTo]?.at as string;
  const s = pullRequestStateAt(pr, upTo);
  const milestone = history.milestones.find((m) => m.number === s.milestone);
  const body: Record<string, unknown> = {
    url: `https://api.github.com/repos/${history.repository.owner}/${history.repository.name}/pulls/${pr.number}`,
    id: pr.id,
    node_id: pr.nodeId,
    number: pr.number,
    state: s.open ? "open" : "closed",
    locked: false,
    title: pr.title,
    user: restUser(pr.author),
    body: null,
    labels: s.labels.map((name, i) => ({ id: 1000 + i, name, color: "ededed", default: false })),
    milestone: milestone ? restMilestone(milestone, at) : null,
    created_at: pr.events[0]?.at,
    updated_at: at,
    closed_at: s.closedAt,
    merged_at: s.mergedAt,
    requested_reviewers: s.requested.filter((r) => "login" in r).map((r) => restUser(r as User)),
    requested_teams: s.requested
      .filter((r) => "team" in r)
      .map((r) => ({ slug: (r as { team: string }).team, name: (r as { team: string }).team })),
    head: { ref: pr.headRef, sha: pr.headSha, label: `o:${pr.headRef}` },
    base: { ref: "main", sha: "b".repeat(40), label: "o:main" },
    author_association: pr.association,
  };
  // Review payloads carry a shorter pull request: no draft flag, no merge details.
  if (shape === "full") {
    body.draft = s.draft;
    body.merged = s.merged;
    body.merged_by = s.mergedBy ? restUser(s.mergedBy) : null;
  }
  return body;
}

function restIssue(history: History, issue: HistoryIssue, at: string) {
  const closed = issue.closedAt !== null && at >= issue.closedAt;
  const milestone = history.milestones.find((m) => m.number === issue.milestone);
  return {
    id: issue.id,
    node_id: issue.nodeId,
    number: issue.number,
    title: issue.title,
    user: restUser(issue.author),
    labels: issue.labels.map((name, i) => ({ id: 2000 + i, name })),
    state: closed ? "closed" : "open",
    milestone: milestone ? restMilestone(milestone, at) : null,
    comments: issue.comments.filter((c) => c.at <= at).length,
    created_at: issue.createdAt,
    updated_at: at,
    closed_at: closed ? issue.closedAt : null,
    author_association: issue.association,
  };
}

// ---- webhook deliveries ---------------------------------------------------------------------

/** Every delivery GitHub would send while the history happens, in order. */
export function webhookDeliveries(history: History): Delivery[] {
  const out: { at: string; name: string; payload: Record<string, unknown> }[] = [];
  const envelope = (sender: User) => ({
    repository: restRepository(history),
    installation: { id: history.installationId },
    sender: restUser(sender),
  });
  for (const milestone of history.milestones) {
    const lead = { login: "lead", id: 9, type: "User" as const };
    out.push({
      at: milestone.createdAt,
      name: "milestone",
      payload: {
        action: "created",
        milestone: restMilestone(milestone, milestone.createdAt),
        ...envelope(lead),
      },
    });
    if (milestone.closedAt)
      out.push({
        at: milestone.closedAt,
        name: "milestone",
        payload: {
          action: "closed",
          milestone: restMilestone(milestone, milestone.closedAt),
          ...envelope(lead),
        },
      });
  }
  for (const pr of history.pullRequests) {
    pr.events.forEach((event, i) => {
      const full = () => restPullRequest(history, pr, i, "full");
      switch (event.kind) {
        case "opened":
          out.push({
            at: event.at,
            name: "pull_request",
            payload: {
              action: "opened",
              number: pr.number,
              pull_request: full(),
              ...envelope(pr.author),
            },
          });
          break;
        case "review_requested":
        case "review_request_removed": {
          const reviewer =
            "team" in event.reviewer
              ? { requested_team: { slug: event.reviewer.team, name: event.reviewer.team } }
              : { requested_reviewer: restUser(event.reviewer) };
          out.push({
            at: event.at,
            name: "pull_request",
            payload: {
              action: event.kind,
              number: pr.number,
              pull_request: full(),
              ...reviewer,
              ...envelope(event.by),
            },
          });
          break;
        }
        case "ready_for_review":
        case "converted_to_draft":
        case "milestoned":
        case "demilestoned":
        case "labeled":
        case "closed":
          out.push({
            at: event.at,
            name: "pull_request",
            payload: {
              action: event.kind,
              number: pr.number,
              pull_request: full(),
              ...(event.kind === "labeled" ? { label: { name: event.label } } : {}),
              ...envelope(event.by),
            },
          });
          break;
        case "review":
          out.push({
            at: event.at,
            name: "pull_request_review",
            payload: {
              action: "submitted",
              review: {
                id: event.id,
                node_id: `PRR_${event.id}`,
                user: restUser(event.by),
                body: null,
                commit_id: pr.headSha,
                submitted_at: event.at,
                state: event.state.toLowerCase(),
                author_association: event.association,
              },
              pull_request: restPullRequest(history, pr, i, "review"),
              ...envelope(event.by),
            },
          });
          break;
        case "review_dismissed": {
          const review = pr.events.find(
            (e): e is Extract<PullRequestEvent, { kind: "review" }> =>
              e.kind === "review" && e.id === event.reviewId,
          ) as Extract<PullRequestEvent, { kind: "review" }>;
          out.push({
            at: event.at,
            name: "pull_request_review",
            payload: {
              action: "dismissed",
              review: {
                id: review.id,
                node_id: `PRR_${review.id}`,
                user: restUser(review.by),
                commit_id: pr.headSha,
                submitted_at: review.at,
                state: "dismissed",
                author_association: review.association,
              },
              pull_request: restPullRequest(history, pr, i, "review"),
              ...envelope(event.by),
            },
          });
          break;
        }
      }
    });
  }
  for (const issue of history.issues) {
    out.push({
      at: issue.createdAt,
      name: "issues",
      payload: {
        action: "opened",
        issue: restIssue(history, issue, issue.createdAt),
        ...envelope(issue.author),
      },
    });
    for (const comment of issue.comments) {
      out.push({
        at: comment.at,
        name: "issue_comment",
        payload: {
          action: "created",
          issue: restIssue(history, issue, comment.at),
          comment: {
            id: comment.id,
            node_id: `IC_${comment.id}`,
            user: restUser(comment.author),
            created_at: comment.at,
            updated_at: comment.at,
            author_association: comment.association,
            body: "…",
          },
          ...envelope(comment.author),
        },
      });
    }
    if (issue.closedAt)
      out.push({
        at: issue.closedAt,
        name: "issues",
        payload: {
          action: "closed",
          issue: restIssue(history, issue, issue.closedAt),
          ...envelope(issue.author),
        },
      });
  }
  return out
    .map((d, i) => ({ ...d, i }))
    .sort((a, b) => (a.at === b.at ? a.i - b.i : a.at < b.at ? -1 : 1))
    .map((d, i) => ({
      name: d.name,
      id: `delivery-${i}`,
      payload: d.payload,
      receivedAt: Date.parse(d.at),
    }));
}
