import type { Writable } from "node:stream";
import type { ProbotOctokit } from "probot";
import {
  type BackfillGitHub,
  createRateLimitBudget,
  type RateLimitBudget,
} from "../backfill/index.js";
import {
  type Env,
  type GitHubConnection,
  githubConnection,
  stderrLogger,
} from "../github/index.js";
import { openStore, type Store } from "../store/index.js";
import { type ProgressReporter, progressReporter } from "./backfill-progress.js";
import { noteOn, parseDateOption } from "./date-option.js";
import { stopOnInterrupt } from "./stop-on-interrupt.js";
import { storeOption } from "./store-option.js";
import { UsageError } from "./usage-error.js";

/** Where an import command (`backfill`, `catch-up`) reads and writes; tests pass their own. */
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

/** What an import works with while it runs. */
export interface ImportSession {
  store: Store;
  reporter: ProgressReporter;
  /** GitHub's rate limit, paced for every repository of the run (`--max-wait` bounds a pause). */
  budget: RateLimitBudget;
  /** Whether Ctrl-C asked the import to stop after the page in flight. */
  stopped: () => boolean;
}

/** The longest an import waits for GitHub's rate limit by default, in minutes (`--max-wait`). */
const DEFAULT_MAX_WAIT_MINUTES = 65;

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

/** A whole-number option (`--installation`, `--max-wait`), or a usage error naming it. */
export function parseCount(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new UsageError(`${option}: "${value}" is not a whole number`);
  return n;
}

/** `--max-wait`: the longest pause for GitHub's rate limit, in minutes. */
export function maxWaitOption(value: string | undefined): number {
  return parseCount(value, "--max-wait") ?? DEFAULT_MAX_WAIT_MINUTES;
}

/**
 * `--since` of an import command, which reads no team config: a date without offset is in UTC,
 * and it must be in the past.
 */
export function sinceOption(
  value: string | undefined,
  command: string,
  io: Pick<BackfillIO, "stderr">,
  now: Date,
): number | undefined {
  if (value === undefined) return undefined;
  const zone = { timezone: "UTC", source: `${command} has no --config` };
  const since = parseDateOption(value, "--since", zone, noteOn(io.stderr)).getTime();
  if (since >= now.getTime()) throw new UsageError("--since must be in the past");
  return since;
}

/** The command's GitHub connection from the environment, logging to stderr (`--verbose`: debug). */
export function importConnection(io: BackfillIO, verbose: boolean | undefined): GitHubConnection {
  return githubConnection(io.env, {
    log: stderrLogger(io.stderr, verbose === true),
    ...(io.Octokit ? { Octokit: io.Octokit } : {}),
  });
}

/** What an installation's import reads with: its own token for the app, else the given token. */
export async function installationGitHub(
  connection: GitHubConnection,
  installationId: number,
): Promise<BackfillGitHub> {
  const octokit =
    connection.mode === "app"
      ? await connection.probot.auth(installationId)
      : await connection.probot.auth();
  return octokit as unknown as BackfillGitHub;
}

/**
 * Opens the store at `--db`, shows progress on stderr, listens for Ctrl-C and paces GitHub's
 * rate limit for `work`, then finishes the progress line, stops listening and closes the store,
 * whatever `work` did.
 */
export async function importSession<T>(
  io: BackfillIO,
  options: { db: string | undefined; maxWaitMinutes: number },
  work: (session: ImportSession) => Promise<T>,
): Promise<T> {
  const store = await openStore(storeOption(options.db));
  const reporter = progressReporter(io.stderr, io.clock);
  const interrupt = stopOnInterrupt(io, reporter);
  try {
    const budget = createRateLimitBudget({
      clock: io.clock,
      sleep: io.sleep,
      maxWaitMs: options.maxWaitMinutes * 60_000,
      onPause: (pause) => reporter.pause(pause),
    });
    return await work({ store, reporter, budget, stopped: interrupt.stopped });
  } finally {
    reporter.finish();
    interrupt.release();
    await store.close();
  }
}
