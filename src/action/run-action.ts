import { randomUUID } from "node:crypto";
import { appendFileSync, existsSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Writable } from "node:stream";
import type { Probot, ProbotOctokit } from "probot";
import {
  type BackfillGitHub,
  type BackfillSummary,
  backfillRepository,
  createRateLimitBudget,
  describeIncomplete,
} from "../backfill/index.js";
import {
  type ConfigOctokit,
  type ConfigResult,
  type ExpectationsConfig,
  formatConfigErrors,
  loadConfig,
} from "../config/index.js";
import { postReviewActivityReport, updateReleaseReadiness } from "../flows/index.js";
import {
  describeError,
  dryRunTarget,
  type GitHubTarget,
  githubConnection,
  githubWebUrl,
  octokitTarget,
  stderrLogger,
} from "../github/index.js";
import type { Period } from "../metrics/index.js";
import type { PublishContext } from "../publish/index.js";
import { scheduledPeriod } from "../reports/index.js";
import { openStore, type RepositoryRecord, type Store } from "../store/index.js";

/** The runner's variables and the action's inputs (action.yml), besides the app's settings. */
type ActionEnv = Record<string, string | undefined>;

/** Where the action reads and writes; the entry point passes the process's, tests their own. */
export interface ActionIO {
  env: ActionEnv;
  stdout: Writable;
  clock: () => Date;
  sleep: (ms: number) => Promise<void>;
  Octokit?: typeof ProbotOctokit;
}

const DAY_MS = 86_400_000;
/** An annotation: GitHub Actions shows `::error::` lines of a step's output on the run. */
function error(io: ActionIO, message: string): void {
  // The workflow command is one line; GitHub turns these escapes back into line breaks.
  const escaped = message.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  io.stdout.write(`::error::${escaped}\n`);
}

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value.trim() === "") return fallback;
  return !["false", "0", "no", "off"].includes(value.trim().toLowerCase());
}

interface EventRepository {
  id?: number;
  full_name?: string;
  private?: boolean;
}

/** The repository the workflow runs for: the event payload's, else GITHUB_REPOSITORY. */
function currentRepository(env: ActionEnv): { owner: string; name: string; id?: number } {
  let fromEvent: EventRepository | undefined;
  const path = env.GITHUB_EVENT_PATH;
  if (path && existsSync(path)) {
    const payload = JSON.parse(readFileSync(path, "utf8")) as { repository?: EventRepository };
    fromEvent = payload.repository;
  }
  const fullName = fromEvent?.full_name ?? env.GITHUB_REPOSITORY ?? "";
  const [owner, name] = fullName.split("/");
  if (!owner || !name)
    throw new Error(
      "no repository: run this in a GitHub Actions workflow (GITHUB_REPOSITORY is not set)",
    );
  return { owner, name, ...(fromEvent?.id ? { id: fromEvent.id } : {}) };
}

/** The throwaway store's rows belong to no installation: the workflow's token has none. */
const INSTALLATION_ID = 0;

type WorkflowOctokit = Awaited<ReturnType<Probot["auth"]>>;

/** The workflow's token (the action's `github-token`) as an Octokit, logging to the step. */
async function workflowOctokit(io: ActionIO): Promise<WorkflowOctokit> {
  const connection = githubConnection(io.env, {
    log: stderrLogger(io.stdout, flag(io.env.RUNNER_DEBUG, false)),
    ...(io.Octokit ? { Octokit: io.Octokit } : {}),
  });
  if (connection.mode !== "token")
    throw new Error(
      "no token: give the action `github-token` (the default is the workflow's GITHUB_TOKEN)",
    );
  return connection.probot.auth();
}

/** The `history-days` input: days above 0, or none (empty: the default); else a clear error. */
function historyDaysInput(env: ActionEnv): number | undefined {
  const value = env.INPUT_HISTORY_DAYS?.trim();
  if (!value) return undefined;
  const days = Number(value);
  if (!Number.isInteger(days) || days <= 0)
    throw new Error(`history-days: "${value}" is not a whole number of days above 0`);
  return days;
}

/**
 * Where the imported history starts: `history-days` back, else enough for the report's period
 * (30 days without one), and a day more; open pull requests come however old.
 */
function historySince(historyDays: number | undefined, period: Period | null, now: Date): number {
  return historyDays !== undefined
    ? now.getTime() - historyDays * DAY_MS
    : (period?.since ?? now.getTime() - 30 * DAY_MS) - DAY_MS;
}

/**
 * Imports the repository's history since `since` into the store and says what it read; what
 * GitHub did not answer is an annotation, left out of this run until a run reads it.
 */
async function importHistory(
  io: ActionIO,
  store: Store,
  octokit: WorkflowOctokit,
  repository: { owner: string; name: string; id?: number },
  since: number,
): Promise<BackfillSummary> {
  const fullName = `${repository.owner}/${repository.name}`;
  const summary = await backfillRepository({
    store,
    github: octokit as unknown as BackfillGitHub,
    budget: createRateLimitBudget({ clock: io.clock, sleep: io.sleep, maxWaitMs: 30 * 60_000 }),
    installationId: INSTALLATION_ID,
    owner: repository.owner,
    name: repository.name,
    ...(repository.id ? { repositoryId: repository.id } : {}),
    since,
    clock: io.clock,
  });
  io.stdout.write(
    `${fullName}: imported ${summary.pullRequests} pull requests and ${summary.issues} issues updated since ${new Date(since).toISOString()} or still open (${summary.graphqlRequests} GraphQL requests, ${summary.points} points)\n`,
  );
  if (summary.incomplete.length > 0)
    error(
      io,
      `${fullName}: GitHub stopped answering for ${describeIncomplete(summary.incomplete)}; they are left out of this run`,
    );
  return summary;
}

/** Publishes the repository's release readiness; the line that counts what it wrote. */
async function releaseReadinessLine(
  context: PublishContext,
  repository: RepositoryRecord,
  config: ConfigResult,
  webUrl: string,
): Promise<string> {
  const outcome = await updateReleaseReadiness(
    context,
    { repository, everything: true },
    { config: async () => config, webUrl },
  );
  const { created, updated, unchanged, closed } = outcome.writes;
  return `release readiness: ${outcome.readiness.length} open pull request(s) with a release date; ${created} created, ${updated} updated, ${closed} closed, ${unchanged} unchanged`;
}

/**
 * Posts the period's review-activity report of the repository, where `reports.repository` says,
 * unless the config turns it off or asks for teams; the line that says what became of it.
 */
async function reviewActivityLine(
  context: PublishContext,
  repository: { record: RepositoryRecord; fullName: string },
  settings: ExpectationsConfig,
  period: Period,
  output: { dryRun: boolean; webUrl: string },
): Promise<string> {
  if (!settings.reports.enabled) return "review-activity report: off (reports.enabled)";
  if (Object.keys(settings.reports.teams).length > 0)
    return "review-activity report: not posted: reports.teams spans repositories, which one workflow does not see; use the app, or `expectations backfill --org` then `expectations report --team --post`";
  const postTo = settings.reports.repository ?? repository.fullName;
  // Posted in another repository, unknown to this store: private data stays out.
  const published = await postReviewActivityReport(
    context,
    {
      scope: { kind: "repository", name: repository.fullName },
      repositories: [repository.record],
      period,
      config: settings,
      members: settings.team,
    },
    postTo,
  );
  return output.dryRun && published.result === "created"
    ? `review-activity report: would create a new issue in ${postTo}`
    : `review-activity report: ${output.webUrl}/${postTo}/issues/${published.issue} ${published.result}`;
}

/**
 * The GitHub Actions mode, for teams that host no server: with the workflow's GITHUB_TOKEN,
 * import the current repository's recent history into a throwaway SQLite file, then publish
 * what the app would: release readiness (check runs, release gates, milestone issues) and the
 * review-activity report of the period. Returns the exit code.
 */
export async function runAction(io: ActionIO): Promise<number> {
  const { env } = io;
  const dbPath = join(env.RUNNER_TEMP || tmpdir(), `expectations-${randomUUID()}.db`);
  let store: Store | undefined;
  try {
    const repository = currentRepository(env);
    const fullName = `${repository.owner}/${repository.name}`;
    const historyDays = historyDaysInput(env);
    const octokit = await workflowOctokit(io);
    const now = io.clock();
    const config: ConfigResult = await loadConfig(octokit as unknown as ConfigOctokit, {
      owner: repository.owner,
      repo: repository.name,
    });
    if (!config.ok) error(io, `.github/expectations.yml: ${formatConfigErrors(config.errors)}`);
    const period = config.ok ? scheduledPeriod(config.config, now) : null;

    store = await openStore({ path: dbPath });
    const since = historySince(historyDays, period, now);
    const summary = await importHistory(io, store, octokit, repository, since);
    const [record] = await store.findRepositories(fullName);
    if (!record) throw new Error(`${fullName} could not be imported`);

    const dryRun = flag(env.INPUT_DRY_RUN, false);
    const target: GitHubTarget = dryRun
      ? dryRunTarget(io.stdout)
      : octokitTarget(octokit as unknown as Parameters<typeof octokitTarget>[0]);
    const context = { store, target, installationId: INSTALLATION_ID, now: now.getTime() };
    const webUrl = env.GITHUB_SERVER_URL?.replace(/\/+$/, "") || githubWebUrl(env);
    const lines: string[] = [];
    if (flag(env.INPUT_RELEASE, true))
      lines.push(await releaseReadinessLine(context, record, config, webUrl));
    if (flag(env.INPUT_REPORT, true) && config.ok && period)
      lines.push(
        await reviewActivityLine(context, { record, fullName }, config.config, period, {
          dryRun,
          webUrl,
        }),
      );
    for (const line of lines) io.stdout.write(`${fullName}: ${line}\n`);
    if (env.GITHUB_STEP_SUMMARY)
      appendFileSync(
        env.GITHUB_STEP_SUMMARY,
        `### Expectations: ${fullName}\n\n${lines.map((l) => `- ${l}`).join("\n")}\n`,
      );
    return config.ok && summary.incomplete.length === 0 ? 0 : 1;
  } catch (failure) {
    error(io, describeError(failure));
    return 1;
  } finally {
    await store?.close();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${dbPath}${suffix}`, { force: true });
  }
}
