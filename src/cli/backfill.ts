import type { Writable } from "node:stream";
import type { ProbotOctokit } from "probot";
import {
  type BackfillGitHub,
  BackfillSupersededError,
  backfillRepository,
  createRateLimitBudget,
  findInstallation,
  GitHubReplyError,
  type ListedRepository,
  listInstallationRepositories,
  listOwnerRepositories,
  RepositoryNotFoundError,
} from "../backfill/index.js";
import { type Env, githubConnection, stderrLogger } from "../github/index.js";
import { openStore } from "../store/index.js";
import { progressReporter, summaryLine } from "./backfill-progress.js";
import { noteOn, parseDateOption } from "./date-option.js";
import { stopOnInterrupt } from "./stop-on-interrupt.js";
import { storeOption } from "./store-option.js";
import { UsageError } from "./usage-error.js";

export interface BackfillOptions {
  repo?: string;
  org?: string;
  since?: string;
  db?: string;
  installation?: string;
  maxWait?: string;
  verbose?: boolean;
}

/** Where the command reads and writes; tests pass their own. */
export interface BackfillIO {
  env: Env;
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean };
  clock: () => Date;
  sleep: (ms: number) => Promise<void>;
  Octokit?: typeof ProbotOctokit;
  /** Calls `stop` on Ctrl-C; returns a function that stops listening. */
  onInterrupt: (stop: () => void) => () => void;
}

const DAY_MS = 86_400_000;
const DEFAULT_BACKFILL_DAYS = 90;
const BACKFILL_ZONE = { timezone: "UTC", source: "backfill has no --config" };

/** The real process: its environment, streams, clock and Ctrl-C. */
export function processIO(): BackfillIO {
  return {
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    clock: () => new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    onInterrupt: (stop) => {
      const first = () => {
        stop();
        // A second Ctrl-C does not wait for the page in flight; committed pages are kept anyway.
        process.once("SIGINT", () => process.exit(130));
      };
      process.once("SIGINT", first);
      return () => process.removeListener("SIGINT", first);
    },
  };
}

function parseRepo(value: string): { owner: string; name: string } {
  const match = /^([\w.-]+)\/([\w.-]+)$/.exec(value.trim());
  if (!match) throw new UsageError(`--repo: "${value}" is not OWNER/NAME`);
  return { owner: match[1] as string, name: match[2] as string };
}

export function parseCount(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new UsageError(`${option}: "${value}" is not a whole number`);
  return n;
}

/**
 * `expectations backfill`: imports history through GraphQL into the store, for one repository
 * or every repository of an owner. Returns the exit code.
 */
export async function backfill(
  options: BackfillOptions,
  io: BackfillIO = processIO(),
): Promise<number> {
  if ((options.repo === undefined) === (options.org === undefined))
    throw new UsageError("give either --repo OWNER/NAME or --org OWNER");
  const target = options.repo ? parseRepo(options.repo) : { owner: (options.org as string).trim() };
  const now = io.clock();
  const since = options.since
    ? // Backfill reads no team config: a date without offset is in UTC.
      parseDateOption(options.since, "--since", BACKFILL_ZONE, noteOn(io.stderr)).getTime()
    : now.getTime() - DEFAULT_BACKFILL_DAYS * DAY_MS;
  if (since >= now.getTime()) throw new UsageError("--since must be in the past");
  const maxWaitMinutes = parseCount(options.maxWait, "--max-wait") ?? 65;
  const installationOption = parseCount(options.installation, "--installation");
  const connection = githubConnection(io.env, {
    log: stderrLogger(io.stderr, options.verbose === true),
    ...(io.Octokit ? { Octokit: io.Octokit } : {}),
  });

  const store = await openStore(storeOption(options.db));
  const reporter = progressReporter(io.stderr, io.clock);
  const interrupt = stopOnInterrupt(io, reporter);
  try {
    let installationId: number;
    let github: BackfillGitHub;
    if (connection.mode === "app") {
      const app = (await connection.probot.auth()) as unknown as BackfillGitHub;
      if (installationOption === undefined) {
        const installation = await findInstallation(app, target);
        await store.applyChanges([{ kind: "installation", record: installation }]);
        installationId = installation.installationId;
      } else installationId = installationOption;
      github = (await connection.probot.auth(installationId)) as unknown as BackfillGitHub;
    } else {
      // A token belongs to no installation: its rows go under --installation, by default 0.
      installationId = installationOption ?? 0;
      github = (await connection.probot.auth()) as unknown as BackfillGitHub;
    }

    let repositories: ListedRepository[];
    if ("name" in target) repositories = [{ id: 0, ...target, archived: false }];
    else {
      const listed =
        connection.mode === "app"
          ? await listInstallationRepositories(github)
          : await listOwnerRepositories(github, target.owner);
      const owned = listed.filter((r) => r.owner.toLowerCase() === target.owner.toLowerCase());
      repositories = owned.filter((r) => !r.archived);
      if (owned.length > repositories.length)
        reporter.note(`${owned.length - repositories.length} archived repositories left out`);
      if (repositories.length === 0) {
        io.stderr.write(
          `expectations: no repositories of ${target.owner} can be read with these credentials\n`,
        );
        return 1;
      }
    }

    const budget = createRateLimitBudget({
      clock: io.clock,
      sleep: io.sleep,
      maxWaitMs: maxWaitMinutes * 60_000,
      onPause: (pause) => reporter.pause(pause),
    });
    let failures = 0;
    let incomplete = false;
    for (const repository of repositories) {
      if (interrupt.stopped()) {
        incomplete = true;
        break;
      }
      try {
        const summary = await backfillRepository({
          store,
          github,
          budget,
          installationId,
          owner: repository.owner,
          name: repository.name,
          ...(repository.id ? { repositoryId: repository.id } : {}),
          since,
          clock: io.clock,
          onProgress: (progress) => reporter.progress(progress),
          shouldStop: interrupt.stopped,
        });
        reporter.finish();
        io.stdout.write(`${summaryLine(summary)}\n`);
        if (!summary.complete) incomplete = true;
      } catch (error) {
        // One repository that cannot be read does not stop an organisation's import.
        const skippable =
          error instanceof RepositoryNotFoundError ||
          error instanceof BackfillSupersededError ||
          error instanceof GitHubReplyError;
        if (!skippable || repositories.length === 1) throw error;
        reporter.note(`expectations: ${(error as Error).message}`);
        failures += 1;
      }
    }
    return failures > 0 || incomplete ? 1 : 0;
  } finally {
    reporter.finish();
    interrupt.release();
    await store.close();
  }
}
