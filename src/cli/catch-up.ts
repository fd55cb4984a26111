import { type BackfillGitHub, createRateLimitBudget } from "../backfill/index.js";
import { CATCH_UP_MARGIN_MS, catchUpInstallation } from "../flows/index.js";
import { githubConnection, stderrLogger } from "../github/index.js";
import { openStore } from "../store/index.js";
import { type BackfillIO, parseCount, processIO } from "./backfill.js";
import { progressReporter, summaryLine } from "./backfill-progress.js";
import { noteOn, parseDateOption } from "./date-option.js";
import { stopOnInterrupt } from "./stop-on-interrupt.js";
import { storeOption } from "./store-option.js";
import { UsageError } from "./usage-error.js";

export interface CatchUpCommandOptions {
  since?: string;
  installation?: string;
  db?: string;
  maxWait?: string;
  verbose?: boolean;
}

const CATCH_UP_ZONE = { timezone: "UTC", source: "catch-up has no --config" };

/**
 * `expectations catch-up`: brings each installation's record up to date with GitHub over its
 * open gaps (or from `--since`), through the GraphQL backfill, and closes the gaps it covers.
 * Returns the exit code: 0 caught up, 1 not finished (run it again), 2 wrong usage.
 */
export async function catchUp(
  options: CatchUpCommandOptions,
  io: BackfillIO = processIO(),
): Promise<number> {
  const now = io.clock();
  const since =
    options.since === undefined
      ? undefined
      : parseDateOption(options.since, "--since", CATCH_UP_ZONE, noteOn(io.stderr)).getTime();
  if (since !== undefined && since >= now.getTime())
    throw new UsageError("--since must be in the past");
  const only = parseCount(options.installation, "--installation");
  const maxWaitMinutes = parseCount(options.maxWait, "--max-wait") ?? 65;
  const connection = githubConnection(io.env, {
    log: stderrLogger(io.stderr, options.verbose === true),
    ...(io.Octokit ? { Octokit: io.Octokit } : {}),
  });
  if (connection.mode === "token" && only === undefined)
    throw new UsageError(
      "with GITHUB_TOKEN, give --installation: the installation whose repositories are caught up (or use the app's APP_ID and PRIVATE_KEY)",
    );

  const store = await openStore(storeOption(options.db));
  const reporter = progressReporter(io.stderr, io.clock);
  const interrupt = stopOnInterrupt(io, reporter);
  try {
    const suspended = new Set(
      (await store.listInstallations()).filter((i) => i.suspended).map((i) => i.installationId),
    );
    const installations =
      only === undefined
        ? (await store.listInstallationIds()).filter((id) => !suspended.has(id))
        : [only];
    if (installations.length === 0)
      io.stdout.write("the store knows no installation: nothing to catch up\n");
    const budget = createRateLimitBudget({
      clock: io.clock,
      sleep: io.sleep,
      maxWaitMs: maxWaitMinutes * 60_000,
      onPause: (pause) => reporter.pause(pause),
    });
    let finished = true;
    for (const installationId of installations) {
      if (interrupt.stopped()) {
        finished = false;
        break;
      }
      const gaps = await store.listRecordGaps(installationId);
      const from =
        since ??
        (gaps.length > 0
          ? Math.min(...gaps.map((gap) => gap.startsAt)) - CATCH_UP_MARGIN_MS
          : undefined);
      if (from === undefined) {
        io.stdout.write(`installation ${installationId}: no gap in its record\n`);
        continue;
      }
      const github = (await (connection.mode === "app"
        ? connection.probot.auth(installationId)
        : connection.probot.auth())) as unknown as BackfillGitHub;
      const outcome = await catchUpInstallation({
        store,
        github,
        budget,
        installationId,
        since: from,
        clock: io.clock,
        owner: `catch-up:${process.pid}`,
        shouldStop: interrupt.stopped,
        onProgress: (progress) => reporter.progress(progress),
      });
      reporter.finish();
      for (const summary of outcome.summaries) io.stdout.write(`${summaryLine(summary)}\n`);
      const about = [
        `installation ${installationId}: ${outcome.complete ? "caught up" : "not finished"} since ${new Date(from).toISOString()}`,
        `${outcome.summaries.length} repositories`,
        ...(outcome.closed > 0 ? [`${outcome.closed} gaps closed`] : []),
        ...(outcome.busy.length > 0
          ? [`being imported elsewhere: ${outcome.busy.join(", ")}`]
          : []),
        ...(outcome.gone.length > 0 ? [`gone from GitHub: ${outcome.gone.join(", ")}`] : []),
      ];
      io.stdout.write(`${about.join(", ")}\n`);
      if (!outcome.complete) finished = false;
    }
    return finished ? 0 : 1;
  } finally {
    reporter.finish();
    interrupt.release();
    await store.close();
  }
}
