import type { IncompleteItem } from "./backfill-position.js";
import { backfillQueries } from "./backfill-queries.js";
import type { BackfillGitHub } from "./github-client.js";
import {
  type IssueCommentNode,
  type IssueNode,
  issueCommentsReply,
  itemReply,
  type PullRequestNode,
  pullRequestTimelineReply,
  type RateLimit,
  type TimelineItem,
} from "./graphql-replies.js";
import { hasMemberResponse } from "./issue-changes.js";
import { GitHubReplyError, parseReply } from "./parse-reply.js";
import { type RateLimitBudget, RateLimitedError } from "./rate-limit-budget.js";
import type { PageContent } from "./repository-page.js";

/** The connection and the budget that follow-up requests go through. */
export interface FollowUpReads {
  github: BackfillGitHub;
  budget: RateLimitBudget;
}

/** The items of a page read to their end, with what each needed beyond the page, by node id. */
export interface CompleteItems {
  pullRequests: PullRequestNode[];
  issues: IssueNode[];
  timelines: Map<string, TimelineItem[]>;
  comments: Map<string, IssueCommentNode[]>;
}

/**
 * What each item needs beyond its page (timeline, comments), by node id. An item GitHub stops
 * answering for goes into `incomplete` with the reason (and is stored by a later run); one read
 * to the end leaves it.
 */
async function readToTheEnd<Node extends { id: string; number: number }, Rest>(
  nodes: readonly Node[],
  kind: IncompleteItem["kind"],
  incomplete: Map<string, IncompleteItem>,
  read: (node: Node) => Promise<Rest | string>,
): Promise<Map<string, Rest>> {
  const done = new Map<string, Rest>();
  for (const node of nodes) {
    const rest = await read(node);
    if (typeof rest === "string")
      incomplete.set(node.id, { kind, id: node.id, number: node.number, reason: rest });
    else {
      done.set(node.id, rest);
      incomplete.delete(node.id);
    }
  }
  return done;
}

/**
 * A follow-up request's node, or why GitHub gave no answer (an error): that item is left
 * incomplete. Running out of budget stops the whole run instead, and an answer that does not
 * fit fails the page.
 */
async function followUp<T extends { rateLimit: RateLimit | null; node: unknown }>(
  send: () => Promise<T>,
  reads: FollowUpReads,
): Promise<T["node"] | string> {
  try {
    return (await reads.budget.graphql(send)).node;
  } catch (error) {
    if (error instanceof RateLimitedError || error instanceof GitHubReplyError) throw error;
    return (error instanceof Error ? error.message : String(error)).split("\n")[0] as string;
  }
}

const NO_NODE = "GitHub returned nothing for it";

/**
 * A pull request's timeline, followed to its end past the first 100 items; the reason, when
 * GitHub stops answering before the end.
 */
async function wholeTimeline(
  pr: PullRequestNode,
  reads: FollowUpReads,
): Promise<TimelineItem[] | string> {
  const items = [...pr.timelineItems.nodes];
  let pageInfo = pr.timelineItems.pageInfo;
  while (pageInfo.hasNextPage) {
    const node = await followUp(
      async () =>
        parseReply(
          pullRequestTimelineReply,
          await reads.github.graphql(backfillQueries().timeline, {
            id: pr.id,
            timelineAfter: pageInfo.endCursor,
          }),
          `the timeline of pull request #${pr.number}`,
        ),
      reads,
    );
    if (node === null || typeof node === "string")
      return `the rest of its timeline: ${node ?? NO_NODE}`;
    items.push(...node.timelineItems.nodes);
    pageInfo = node.timelineItems.pageInfo;
  }
  return items;
}

/**
 * An issue's comments up to its first member response: only the first response is measured,
 * so comments past the first 100 are fetched only while no member has answered. The reason,
 * when GitHub stops answering before that.
 */
async function enoughComments(
  issue: IssueNode,
  reads: FollowUpReads,
): Promise<IssueCommentNode[] | string> {
  const comments = [...issue.comments.nodes];
  let pageInfo = issue.comments.pageInfo;
  while (pageInfo.hasNextPage && !hasMemberResponse(issue, comments)) {
    const node = await followUp(
      async () =>
        parseReply(
          issueCommentsReply,
          await reads.github.graphql(backfillQueries().comments, {
            id: issue.id,
            after: pageInfo.endCursor,
          }),
          `the comments of issue #${issue.number}`,
        ),
      reads,
    );
    if (node === null || typeof node === "string")
      return `the rest of its comments: ${node ?? NO_NODE}`;
    comments.push(...node.comments.nodes);
    pageInfo = node.comments.pageInfo;
  }
  return comments;
}

/**
 * The page's pull requests and issues read to their end (whole timelines, comments up to a
 * member's answer); those GitHub stops answering for are left out and noted in
 * `page.next.incomplete` instead.
 */
export async function readPageToTheEnd(
  page: PageContent,
  reads: FollowUpReads,
): Promise<CompleteItems> {
  const incomplete = new Map((page.next.incomplete ?? []).map((item) => [item.id, item]));
  const timelines = await readToTheEnd(page.pullRequests, "pull_request", incomplete, (pr) =>
    wholeTimeline(pr, reads),
  );
  const comments = await readToTheEnd(page.issues, "issue", incomplete, (issue) =>
    enoughComments(issue, reads),
  );
  page.next.incomplete = [...incomplete.values()];
  return {
    pullRequests: page.pullRequests.filter((pr) => timelines.has(pr.id)),
    issues: page.issues.filter((issue) => comments.has(issue.id)),
    timelines,
    comments,
  };
}

/** Items an earlier page left incomplete, fetched again by node id into this page. */
export async function fetchAgain(
  items: readonly IncompleteItem[],
  page: PageContent,
  reads: FollowUpReads,
): Promise<void> {
  const stillIncomplete = new Map((page.next.incomplete ?? []).map((item) => [item.id, item]));
  for (const item of items) {
    const node = await followUp(
      async () =>
        parseReply(
          itemReply,
          await reads.github.graphql(backfillQueries().item, { id: item.id }),
          `${item.kind === "issue" ? "issue" : "pull request"} #${item.number}`,
        ),
      reads,
    );
    if (typeof node === "string") {
      stillIncomplete.set(item.id, { ...item, reason: node });
      continue;
    }
    // Gone since (a deleted issue): nothing left to import.
    if (node === null) {
      stillIncomplete.delete(item.id);
      continue;
    }
    if (node.__typename === "PullRequest") page.pullRequests.push(node);
    else page.issues.push(node);
  }
  page.next.incomplete = [...stillIncomplete.values()];
}
