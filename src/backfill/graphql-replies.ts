import { z } from "zod";
import { expecting } from "../config/index.js";
import { databaseId, positive, text, time } from "./reply-fields.js";

/**
 * The shapes the queries in this folder select, as schemas: every reply is parsed before any of
 * it is used, so a field GitHub leaves null or sends in another form stops that page with its
 * path instead of becoming id 0, NaN or a missing time in the store.
 */

const actor = z.object({ __typename: text("a type name"), login: text("a login") }).nullable();

const rateLimit = z
  .object({
    cost: z.number({ error: expecting("a number") }).nonnegative(),
    remaining: z.number({ error: expecting("a number") }).nonnegative(),
    resetAt: time,
  })
  .nullable();

/** A page of a connection; a next page without a cursor would start the list over. */
const connection = <Node extends z.ZodType>(node: Node) =>
  z.object({
    pageInfo: z
      .object({
        hasNextPage: z.boolean({ error: expecting("true or false") }),
        endCursor: text("a cursor").nullable(),
      })
      .refine((info) => !info.hasNextPage || info.endCursor !== null, {
        path: ["endCursor"],
        error: "expected a cursor: there is a next page",
      }),
    nodes: z.array(node, { error: expecting("a list") }),
  });

const labels = z.object({ nodes: z.array(z.object({ name: text("a label name") })) }).nullable();
const milestone = z.object({ number: positive("a milestone number") }).nullable();

const requestedReviewer = z
  .discriminatedUnion(
    "__typename",
    [
      z.object({ __typename: z.enum(["User", "Bot", "Mannequin"]), login: text("a login") }),
      z.object({ __typename: z.literal("Team"), slug: text("a team slug") }),
    ],
    { error: expecting("a user, bot, mannequin or team") },
  )
  .nullable();

const timelineItem = z.discriminatedUnion(
  "__typename",
  [
    z.object({
      __typename: z.literal("PullRequestReview"),
      fullDatabaseId: databaseId,
      author: actor,
      authorAssociation: text("an author association"),
      state: z.enum(["PENDING", "COMMENTED", "APPROVED", "CHANGES_REQUESTED", "DISMISSED"], {
        error: expecting("a review state"),
      }),
      submittedAt: time.nullable(),
      commit: z.object({ oid: text("a commit id") }).nullable(),
    }),
    z.object({
      __typename: z.enum(["ReviewRequestedEvent", "ReviewRequestRemovedEvent"]),
      createdAt: time,
      actor,
      requestedReviewer,
    }),
    z.object({
      __typename: z.literal("ReviewDismissedEvent"),
      createdAt: time,
      previousReviewState: text("a review state"),
      review: z.object({ fullDatabaseId: databaseId }).nullable(),
    }),
    z.object({
      __typename: z.enum([
        "ReadyForReviewEvent",
        "ConvertToDraftEvent",
        "MilestonedEvent",
        "DemilestonedEvent",
      ]),
      createdAt: time,
    }),
  ],
  { error: expecting("a timeline item the query asks for") },
);

/** What pull requests and issues both carry: their ids, number, title and author. */
const authored = (what: string) => ({
  id: text("a node id").min(1),
  fullDatabaseId: databaseId,
  number: positive(`${what} number`),
  title: text("a title"),
  author: actor,
  authorAssociation: text("an author association"),
});

const pullRequestFields = z.object({
  ...authored("a pull request"),
  isDraft: z.boolean({ error: expecting("true or false") }),
  state: z.enum(["OPEN", "CLOSED", "MERGED"], { error: expecting("OPEN, CLOSED or MERGED") }),
  createdAt: time,
  updatedAt: time,
  closedAt: time.nullable(),
  mergedAt: time.nullable(),
  mergedBy: actor,
  milestone,
  headRefOid: text("a commit id"),
  headRefName: text("a branch name"),
  baseRefName: text("a branch name"),
  labels,
  timelineItems: connection(timelineItem),
});

const commentNode = z.object({
  fullDatabaseId: databaseId,
  author: actor,
  authorAssociation: text("an author association"),
  createdAt: time,
});

const issueFields = z.object({
  ...authored("an issue"),
  labels,
  issueState: z.enum(["OPEN", "CLOSED"], { error: expecting("OPEN or CLOSED") }),
  createdAt: time,
  updatedAt: time,
  closedAt: time.nullable(),
  milestone,
  comments: connection(commentNode),
});

interface Closable {
  state?: string;
  issueState?: string;
  closedAt: string | null;
  mergedAt?: string | null;
}

/** A merged or closed item without that time would count as merged or closed at no time at all. */
function closedHasItsTime(item: Closable, ctx: z.RefinementCtx): void {
  const state = item.state ?? item.issueState;
  if (state === "MERGED" && item.mergedAt === null)
    ctx.addIssue({ code: "custom", path: ["mergedAt"], message: "expected a date-time: merged" });
  if (state !== "OPEN" && item.closedAt === null)
    ctx.addIssue({ code: "custom", path: ["closedAt"], message: "expected a date-time: closed" });
}

export const pullRequestNode = pullRequestFields.superRefine(closedHasItsTime);
export const issueNode = issueFields.superRefine(closedHasItsTime);

const counted = <Node extends z.ZodType>(node: Node) =>
  connection(node).extend({ totalCount: z.number().int().nonnegative() });

/** A search result, or an item fetched by its node id: an issue or a pull request. */
const issueOrPullRequest = z
  .discriminatedUnion(
    "__typename",
    [
      pullRequestFields.extend({ __typename: z.literal("PullRequest") }),
      issueFields.extend({ __typename: z.literal("Issue") }),
    ],
    { error: expecting("a pull request or an issue") },
  )
  .superRefine(closedHasItsTime);

export const repositoryPageReply = z.object({
  rateLimit,
  repository: z
    .object({
      databaseId: positive("a repository id"),
      nameWithOwner: text("owner/name").regex(/^[^/]+\/[^/]+$/, { error: expecting("owner/name") }),
      isPrivate: z.boolean({ error: expecting("true or false") }),
      owner: z.object({ login: text("a login") }),
      pullRequests: counted(pullRequestNode).optional(),
      issues: counted(issueNode).optional(),
    })
    .nullable(),
  stale: connection(issueOrPullRequest)
    .extend({ issueCount: z.number().int().nonnegative() })
    .optional(),
});

export const pullRequestTimelineReply = z.object({
  rateLimit,
  node: z.object({ timelineItems: connection(timelineItem) }).nullable(),
});

export const issueCommentsReply = z.object({
  rateLimit,
  node: z.object({ comments: connection(commentNode) }).nullable(),
});

/** One pull request or issue fetched again by its node id (one left incomplete earlier). */
export const itemReply = z.object({
  rateLimit,
  node: issueOrPullRequest.nullable(),
});

export type RateLimit = NonNullable<z.output<typeof rateLimit>>;
export type GraphqlActor = NonNullable<z.output<typeof actor>>;
export type RequestedReviewer = z.output<typeof requestedReviewer>;
export type TimelineItem = z.output<typeof timelineItem>;
export type PullRequestNode = z.output<typeof pullRequestNode>;
export type IssueNode = z.output<typeof issueNode>;
export type IssueCommentNode = z.output<typeof commentNode>;
export type RepositoryPageReply = z.output<typeof repositoryPageReply>;
