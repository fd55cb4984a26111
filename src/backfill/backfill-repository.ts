import { withoutNul } from "../ingest/index.js";
import type { ActivityReads, BackfillCursors, Millis } from "../store/index.js";
import {
  BACKFILL_KIND,
  type BackfillPlan,
  type BackfillPosition,
  encodePosition,
  type IncompleteItem,
  isFinished,
  planBackfill,
  streamsDone,
} from "./backfill-position.js";
import { type BackfillProgress, progressFraction } from "./backfill-progress.js";
import type { BackfillGitHub } from "./github-client.js";
import { pageChanges } from "./page-changes.js";
import { type CompleteItems, fetchAgain, readPageToTheEnd } from "./page-follow-ups.js";
import type { RateLimitBudget } from "./rate-limit-budget.js";
import type { RepositoryContext } from "./repository-context.js";
import { RepositoryMilestones } from "./repository-milestones.js";
import {
  type FoundRepositoryPage,
  fetchRepositoryPage,
  type PageContent,
  readPage,
} from "./repository-page.js";

/** The stored cursor moved under this run: the repository was removed, or another run took over. */
export class BackfillSupersededError extends Error {
  override readonly name = "BackfillSupersededError";
  constructor(readonly fullName: string) {
    super(
      `backfill of ${fullName} stopped: the repository was removed from the installation meanwhile, or another backfill of it is running`,
    );
  }
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

/** What a run keeps from page to page. */
interface RunState {
  /** The repository whose cursor it moves: null until the store or GitHub names it. */
  repositoryId: number | null;
  kind: string;
  /** The cursor text last committed (or found): a commit over another's is refused. */
  previous: string | null;
  milestones: RepositoryMilestones;
  /** Milestones already written by this run: a page writes only those it has not. */
  milestonesWritten: Set<number>;
}

/** The stored cursor of this run's kind for the repository, if the repository is known. */
async function savedCursor(options: BackfillRepositoryOptions, run: RunState) {
  if (run.repositoryId === null) return undefined;
  return options.store.getBackfillCursor(options.installationId, run.repositoryId, run.kind);
}

/** What to fetch from the cursor found (see planBackfill), which the next commit goes over. */
function replan(
  options: BackfillRepositoryOptions,
  run: RunState,
  saved: Awaited<ReturnType<typeof savedCursor>>,
): BackfillPlan {
  run.previous = saved?.cursor ?? null;
  const openItems = options.openItems ?? true;
  return planBackfill(saved, options.since, options.clock().getTime(), openItems);
}

/** A run's state at its start, with the repository id the options or the store know. */
async function openRun(options: BackfillRepositoryOptions): Promise<RunState> {
  const { store, installationId, owner, name } = options;
  return {
    repositoryId:
      options.repositoryId ??
      (await store.findRepositories(`${owner}/${name}`)).find(
        (r) => r.installationId === installationId,
      )?.repositoryId ??
      null,
    kind: options.kind ?? BACKFILL_KIND,
    previous: null,
    milestones: new RepositoryMilestones(options.github, owner, name),
    milestonesWritten: new Set(),
  };
}

/**
 * Moves the run to the repository id GitHub gave, unknown to the store until now or deleted and
 * created again under the same name: the plan to start over from that id's own cursor, or none
 * when the run goes on where it is (nothing was known of either).
 */
async function adoptRepository(
  options: BackfillRepositoryOptions,
  run: RunState,
  repositoryId: number,
): Promise<BackfillPlan | undefined> {
  const known = run.repositoryId !== null;
  run.repositoryId = repositoryId;
  const stored = await savedCursor(options, run);
  return known || stored ? replan(options, run, stored) : undefined;
}

/**
 * Imports one page: its items read to their end (and, once the streams are done, those left
 * incomplete fetched again), turned into records and committed with the cursor that follows
 * it, in one transaction over the cursor this run last committed; a cursor that moved under it
 * is a BackfillSupersededError.
 */
async function importPage(
  options: BackfillRepositoryOptions,
  run: RunState,
  data: FoundRepositoryPage,
  position: BackfillPosition,
): Promise<{ page: PageContent; complete: CompleteItems }> {
  const { installationId } = options;
  const { repository } = data;
  const repositoryId = repository.databaseId;
  const page = readPage(data, position);
  if (streamsDone(position)) await fetchAgain(position.incomplete ?? [], page, options);
  const complete = await readPageToTheEnd(page, options);
  await run.milestones.resolve(
    [...complete.pullRequests, ...complete.issues].flatMap((item) =>
      item.milestone ? [item.milestone.number] : [],
    ),
  );
  const context: RepositoryContext = {
    installationId,
    repositoryId,
    ownerLogin: repository.owner.login,
    milestoneIds: run.milestones.ids(),
  };
  // All of them with the first page; later, any a page names that was created meanwhile.
  const milestones = run.milestones.all().filter((m) => !run.milestonesWritten.has(m.id));
  const text = encodePosition(page.next);
  const applied = await options.store.applyBackfillPage(
    // The same records as ingest makes, NUL characters and all (see withoutNul).
    withoutNul(pageChanges(repository, context, milestones, complete)),
    {
      installationId,
      repositoryId,
      kind: run.kind,
      cursor: text,
      since: page.next.covered,
      done: isFinished(page.next),
    },
    options.clock().getTime(),
    run.previous,
  );
  if (!applied) throw new BackfillSupersededError(`${options.owner}/${options.name}`);
  run.previous = text;
  for (const milestone of run.milestones.all()) run.milestonesWritten.add(milestone.id);
  return { page, complete };
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
  const { github, budget, owner, name } = options;
  const fullName = `${owner}/${name}`;
  const used = budget.use();
  const run = await openRun(options);
  let { position, mode } = replan(options, run, await savedCursor(options, run));
  const summary: BackfillSummary = {
    repository: fullName,
    repositoryId: run.repositoryId,
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
    summary.restRequests = run.milestones.requests;
    return now;
  };

  // Items left incomplete are fetched again once per run, after the streams.
  let retried = false;
  while (!isFinished(position)) {
    if (options.shouldStop?.()) break;
    const retrying = streamsDone(position);
    if (retrying && retried) break;
    const data = await fetchRepositoryPage(github, budget, owner, name, position);
    await run.milestones.load();
    if (run.repositoryId !== data.repository.databaseId) {
      summary.repositoryId = data.repository.databaseId;
      const plan = await adoptRepository(options, run, data.repository.databaseId);
      if (plan) {
        ({ position, mode } = plan);
        summary.mode = mode;
        continue;
      }
    }
    retried ||= retrying;
    const { page, complete } = await importPage(options, run, data, position);
    position = page.next;
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
      fraction: progressFraction(
        data,
        position,
        page.oldestPullRequestUpdate,
        summary.pullRequests,
      ),
      done: isFinished(position),
    });
  }
  count();
  summary.complete = isFinished(position);
  summary.incomplete = position.incomplete ?? [];
  return summary;
}
