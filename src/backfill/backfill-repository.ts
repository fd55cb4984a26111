import { milestoneRecord, withoutNul } from "../ingest/index.js";
import type { ActivityReads, BackfillCursors, Millis, StoreChange } from "../store/index.js";
import {
  BACKFILL_KIND,
  type BackfillPosition,
  encodePosition,
  type IncompleteItem,
  isFinished,
  planBackfill,
  streamsDone,
} from "./backfill-position.js";
import type { BackfillGitHub } from "./github-client.js";
import {
  type IssueCommentNode,
  type IssueNode,
  issueCommentsReply,
  itemReply,
  type PullRequestNode,
  pullRequestTimelineReply,
  type RateLimit,
  type RepositoryPageReply,
  repositoryPageReply,
  type TimelineItem,
} from "./graphql-replies.js";
import { hasMemberResponse, issueChanges } from "./issue-changes.js";
import { loadQuery } from "./load-query.js";
import { GitHubReplyError, parseReply } from "./parse-reply.js";
import { pullRequestChanges } from "./pull-request-changes.js";
import { type RateLimitBudget, RateLimitedError } from "./rate-limit-budget.js";
import type { RepositoryContext } from "./repository-context.js";
import { RepositoryMilestones } from "./repository-milestones.js";

let loaded: { page: string; timeline: string; comments: string; item: string } | undefined;
/** Read when first needed, so that other commands never depend on these files. */
function queries() {
  loaded ??= {
    page: loadQuery("repository-page"),
    timeline: loadQuery("pull-request-timeline"),
    comments: loadQuery("issue-comments"),
    item: loadQuery("item"),
  };
  return loaded;
}

/** The repository is not there, or these credentials cannot read it. */
export class RepositoryNotFoundError extends Error {
  override readonly name = "RepositoryNotFoundError";
  constructor(readonly fullName: string) {
    super(`repository ${fullName} was not found, or these credentials cannot read it`);
  }
}

/** The stored cursor moved under this run: the repository was removed, or another run took over. */
export class BackfillSupersededError extends Error {
  override readonly name = "BackfillSupersededError";
  constructor(readonly fullName: string) {
    super(
      `backfill of ${fullName} stopped: the repository was removed from the installation meanwhile, or another backfill of it is running`,
    );
  }
}

export interface BackfillProgress {
  repository: string;
  mode: "fresh" | "resume" | "update";
  pages: number;
  pullRequests: number;
  issues: number;
  /** GraphQL points this run has used for this repository so far. */
  points: number;
  remaining: number | null;
  /** Between 0 and 1: how far down from now to `since` the slowest stream has come. */
  fraction: number;
  done: boolean;
}

export interface BackfillRepositoryOptions {
  store: Pick<ActivityReads, "findRepositories"> & BackfillCursors;
  github: BackfillGitHub;
  budget: RateLimitBudget;
  installationId: number;
  owner: string;
  name: string;
  /** Known from a webhook or the store; otherwise looked up by name in the store. */
  repositoryId?: number;
  /** How far back: pull requests and issues updated since then, and whatever is open now. */
  since: Millis;
  clock: () => Date;
  onProgress?: (progress: BackfillProgress) => void;
  /** Asked between pages; true stops after the page just committed (Ctrl-C). */
  shouldStop?: () => boolean;
  /** Whose cursor this run moves (default BACKFILL_KIND; a catch-up has its own). */
  kind?: string;
  /** Whether open items not updated since `since` are imported too (default true). */
  openItems?: boolean;
}

export interface BackfillSummary {
  repository: string;
  repositoryId: number | null;
  mode: "fresh" | "resume" | "update";
  /** False when stopped before the end; running it again resumes from the last page. */
  complete: boolean;
  /** Pull requests and issues GitHub stopped answering for: not stored until a run reads them. */
  incomplete: IncompleteItem[];
  pages: number;
  /** GraphQL requests: pages plus follow-ups for long timelines and unanswered issues. */
  graphqlRequests: number;
  restRequests: number;
  points: number;
  pullRequests: number;
  issues: number;
}

interface PageContent {
  pullRequests: PullRequestNode[];
  issues: IssueNode[];
  next: BackfillPosition;
  oldestPullRequestUpdate: Millis | null;
}

/** GitHub answers an unknown or hidden repository with a NOT_FOUND error, REST with a 404. */
function isNotFound(error: unknown): boolean {
  const e = error as { status?: number; errors?: { type?: string }[] } | null;
  return e?.status === 404 || (e?.errors?.some((item) => item.type === "NOT_FOUND") ?? false);
}

function isoSeconds(at: Millis): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function pageVariables(owner: string, name: string, position: BackfillPosition) {
  const { pullRequests, issues, stale } = position.streams;
  return {
    owner,
    name,
    since: isoSeconds(position.fetchSince),
    pullRequestsAfter: pullRequests.after,
    withPullRequests: !pullRequests.done,
    issuesAfter: issues.after,
    withIssues: !issues.done,
    staleQuery: `repo:${owner}/${name} is:open updated:<${isoSeconds(position.fetchSince)}`,
    staleAfter: stale.after,
    withStale: !stale.done,
  };
}

/** Splits one page into what to keep and where each stream goes next. */
function readPage(data: RepositoryPageReply, position: BackfillPosition): PageContent {
  const next = structuredClone(position);
  const pullRequests: PullRequestNode[] = [];
  const issues: IssueNode[] = [];
  let oldestPullRequestUpdate: Millis | null = null;
  const prs = data.repository?.pullRequests;
  if (prs && !position.streams.pullRequests.done) {
    let reachedSince = false;
    for (const node of prs.nodes) {
      const updatedAt = Date.parse(node.updatedAt);
      // Newest update first: the first one older than `since` ends the stream.
      if (updatedAt < position.fetchSince) {
        reachedSince = true;
        break;
      }
      pullRequests.push(node);
      oldestPullRequestUpdate = updatedAt;
    }
    next.streams.pullRequests = {
      after: prs.pageInfo.endCursor,
      done: reachedSince || !prs.pageInfo.hasNextPage,
    };
  }
  const found = data.repository?.issues;
  if (found && !position.streams.issues.done) {
    issues.push(...found.nodes);
    next.streams.issues = { after: found.pageInfo.endCursor, done: !found.pageInfo.hasNextPage };
  }
  if (data.stale && !position.streams.stale.done) {
    for (const node of data.stale.nodes) {
      if (node.__typename === "PullRequest") pullRequests.push(node);
      else if (node.__typename === "Issue") issues.push(node);
    }
    next.streams.stale = {
      after: data.stale.pageInfo.endCursor,
      done: !data.stale.pageInfo.hasNextPage,
    };
  }
  return { pullRequests, issues, next, oldestPullRequestUpdate };
}

/**
 * Imports one repository's history into the store through GraphQL: one request per page of 50
 * pull requests and 50 issues, plus one per further 100 timeline items of a long pull request
 * and per further 100 comments of an issue no member has answered yet. Each page is committed
 * with the cursor in one transaction, so a crash or Ctrl-C resumes after the last page, and
 * records are the ones ingest writes, so running it again changes nothing.
 */
export async function backfillRepository(
  options: BackfillRepositoryOptions,
): Promise<BackfillSummary> {
  const { store, github, budget, installationId, owner, name, clock } = options;
  const kind = options.kind ?? BACKFILL_KIND;
  const openItems = options.openItems ?? true;
  const fullName = `${owner}/${name}`;
  const used = budget.use();
  const milestones = new RepositoryMilestones(github, owner, name);
  let repositoryId: number | null =
    options.repositoryId ??
    (await store.findRepositories(fullName)).find((r) => r.installationId === installationId)
      ?.repositoryId ??
    null;
  const saved =
    repositoryId === null
      ? undefined
      : await store.getBackfillCursor(installationId, repositoryId, kind);
  let previous = saved?.cursor ?? null;
  let { position, mode } = planBackfill(saved, options.since, clock().getTime(), openItems);
  const summary: BackfillSummary = {
    repository: fullName,
    repositoryId,
    mode,
    complete: false,
    pages: 0,
    graphqlRequests: 0,
    restRequests: 0,
    points: 0,
    pullRequests: 0,
    issues: 0,
    incomplete: [],
  };
  const count = () => {
    const now = budget.use();
    summary.graphqlRequests = now.requests - used.requests;
    summary.points = now.points - used.points;
    summary.restRequests = milestones.requests;
    return now;
  };
  const milestonesWritten = new Set<number>();

  // Items left incomplete are fetched again once per run, after the streams.
  let retried = false;
  while (!isFinished(position)) {
    if (options.shouldStop?.()) break;
    const retrying = streamsDone(position);
    if (retrying && retried) break;
    const data = await budget
      .graphql(async () =>
        parseReply(
          repositoryPageReply,
          await github.graphql(queries().page, pageVariables(owner, name, position)),
          `the page of ${fullName}`,
        ),
      )
      .catch((error: unknown) => {
        throw isNotFound(error) ? new RepositoryNotFoundError(fullName) : error;
      });
    const repository = data.repository;
    if (!repository) throw new RepositoryNotFoundError(fullName);
    await milestones.load();
    if (repositoryId !== repository.databaseId) {
      // Unknown to the store until now (or deleted and created again under the same name).
      const known = repositoryId !== null;
      repositoryId = repository.databaseId;
      summary.repositoryId = repositoryId;
      const stored = await store.getBackfillCursor(installationId, repositoryId, kind);
      if (known || stored) {
        previous = stored?.cursor ?? null;
        ({ position, mode } = planBackfill(stored, options.since, clock().getTime(), openItems));
        summary.mode = mode;
        continue;
      }
    }
    const page = readPage(data, position);
    if (retrying) {
      retried = true;
      await fetchAgain(position.incomplete ?? [], page, options);
    }
    const incomplete = new Map((page.next.incomplete ?? []).map((item) => [item.id, item]));
    const timelines = await readToTheEnd(page.pullRequests, "pull_request", incomplete, (pr) =>
      wholeTimeline(pr, options),
    );
    const comments = await readToTheEnd(page.issues, "issue", incomplete, (issue) =>
      enoughComments(issue, options),
    );
    page.next.incomplete = [...incomplete.values()];
    const complete = {
      pullRequests: page.pullRequests.filter((pr) => timelines.has(pr.id)),
      issues: page.issues.filter((issue) => comments.has(issue.id)),
    };
    await milestones.resolve(
      [...complete.pullRequests, ...complete.issues].flatMap((item) =>
        item.milestone ? [item.milestone.number] : [],
      ),
    );
    const context: RepositoryContext = {
      installationId,
      repositoryId,
      ownerLogin: repository.owner.login,
      milestoneIds: milestones.ids(),
    };
    const changes: StoreChange[] = [
      {
        kind: "repository",
        record: {
          installationId,
          repositoryId,
          fullName: repository.nameWithOwner,
          private: repository.isPrivate,
        },
      },
    ];
    // All of them with the first page; later, any a page names that was created meanwhile.
    for (const milestone of milestones.all()) {
      if (milestonesWritten.has(milestone.id)) continue;
      changes.push({
        kind: "milestone",
        record: milestoneRecord(installationId, repositoryId, milestone),
      });
    }
    for (const pr of complete.pullRequests)
      changes.push(...pullRequestChanges(pr, timelines.get(pr.id) ?? [], context));
    for (const issue of complete.issues)
      changes.push(...issueChanges(issue, comments.get(issue.id) ?? [], context));

    const text = encodePosition(page.next);
    const applied = await store.applyBackfillPage(
      // The same records as ingest makes, NUL characters and all (see withoutNul).
      withoutNul(changes),
      {
        installationId,
        repositoryId,
        kind,
        cursor: text,
        since: page.next.covered,
        done: isFinished(page.next),
      },
      clock().getTime(),
      previous,
    );
    if (!applied) throw new BackfillSupersededError(fullName);
    previous = text;
    position = page.next;
    for (const milestone of milestones.all()) milestonesWritten.add(milestone.id);
    summary.pages += 1;
    summary.pullRequests += complete.pullRequests.length;
    summary.issues += complete.issues.length;
    const use = count();
    options.onProgress?.({
      repository: fullName,
      mode,
      pages: summary.pages,
      pullRequests: summary.pullRequests,
      issues: summary.issues,
      points: summary.points,
      remaining: use.remaining,
      fraction: progressFraction(data, position, page.oldestPullRequestUpdate, summary),
      done: isFinished(position),
    });
  }
  count();
  summary.complete = isFinished(position);
  summary.incomplete = position.incomplete ?? [];
  return summary;
}

/** How far the slowest unfinished stream has come, by time paged down or by items counted. */
function progressFraction(
  data: RepositoryPageReply,
  position: BackfillPosition,
  oldestPullRequestUpdate: Millis | null,
  summary: BackfillSummary,
): number {
  if (isFinished(position)) return 1;
  const span = position.startedAt - position.fetchSince;
  const byTime =
    oldestPullRequestUpdate === null || span <= 0
      ? 0
      : (position.startedAt - oldestPullRequestUpdate) / span;
  const total = data.repository?.pullRequests?.totalCount ?? 0;
  const byCount = total > 0 ? summary.pullRequests / total : 0;
  return Math.min(0.99, Math.max(byTime, byCount));
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
  options: BackfillRepositoryOptions,
): Promise<T["node"] | string> {
  try {
    return (await options.budget.graphql(send)).node;
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
  options: BackfillRepositoryOptions,
): Promise<TimelineItem[] | string> {
  const items = [...pr.timelineItems.nodes];
  let pageInfo = pr.timelineItems.pageInfo;
  while (pageInfo.hasNextPage) {
    const node = await followUp(
      async () =>
        parseReply(
          pullRequestTimelineReply,
          await options.github.graphql(queries().timeline, {
            id: pr.id,
            timelineAfter: pageInfo.endCursor,
          }),
          `the timeline of pull request #${pr.number}`,
        ),
      options,
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
  options: BackfillRepositoryOptions,
): Promise<IssueCommentNode[] | string> {
  const comments = [...issue.comments.nodes];
  let pageInfo = issue.comments.pageInfo;
  while (pageInfo.hasNextPage && !hasMemberResponse(issue, comments)) {
    const node = await followUp(
      async () =>
        parseReply(
          issueCommentsReply,
          await options.github.graphql(queries().comments, {
            id: issue.id,
            after: pageInfo.endCursor,
          }),
          `the comments of issue #${issue.number}`,
        ),
      options,
    );
    if (node === null || typeof node === "string")
      return `the rest of its comments: ${node ?? NO_NODE}`;
    comments.push(...node.comments.nodes);
    pageInfo = node.comments.pageInfo;
  }
  return comments;
}

/** Items an earlier page left incomplete, fetched again by node id into this page. */
async function fetchAgain(
  items: readonly IncompleteItem[],
  page: PageContent,
  options: BackfillRepositoryOptions,
): Promise<void> {
  const stillIncomplete = new Map((page.next.incomplete ?? []).map((item) => [item.id, item]));
  for (const item of items) {
    const node = await followUp(
      async () =>
        parseReply(
          itemReply,
          await options.github.graphql(queries().item, { id: item.id }),
          `${item.kind === "issue" ? "issue" : "pull request"} #${item.number}`,
        ),
      options,
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
