import { hostname } from "node:os";
import { CATCH_UP_MARGIN_MS, type CatchUpOutcome, catchUpInstallation } from "../flows/index.js";
import type { GitHubConnection } from "../github/index.js";
import type { Store } from "../store/index.js";
import { summaryLine } from "./backfill-progress.js";
import {
  type BackfillIO,
  type ImportSession,
  importConnection,
  importSession,
  installationGitHub,
  maxWaitOption,
  parseCount,
  processIO,
  sinceOption,
} from "./import-session.js";
import { UsageError } from "./usage-error.js";

export interface CatchUpCommandOptions {
  since?: string;
  installation?: string;
  db?: string;
  maxWait?: string;
  verbose?: boolean;
}

/** `--installation`'s, or every installation the store knows that is not suspended. */
async function installationsToCatchUp(store: Store, only: number | undefined): Promise<number[]> {
  if (only !== undefined) return [only];
  const suspended = new Set(
    (await store.listInstallations()).filter((i) => i.suspended).map((i) => i.installationId),
  );
  return (await store.listInstallationIds()).filter((id) => !suspended.has(id));
}

/** The line that says how far an installation was caught up, and what was left. */
function caughtUpLine(installationId: number, from: number, outcome: CatchUpOutcome): string {
  const about = [
    `installation ${installationId}: ${outcome.complete ? "caught up" : "not finished"} since ${new Date(from).toISOString()}`,
    `${outcome.summaries.length} repositories`,
    ...(outcome.closed > 0 ? [`${outcome.closed} gaps closed`] : []),
    ...(outcome.busy.length > 0 ? [`being imported elsewhere: ${outcome.busy.join(", ")}`] : []),
    ...(outcome.gone.length > 0 ? [`gone from GitHub: ${outcome.gone.join(", ")}`] : []),
  ];
  return about.join(", ");
}

/**
 * Catches one installation up from `--since`, else from its oldest open gap (with a margin),
 * printing a line per repository and one for the installation. Returns whether it is caught up
 * (an installation without a gap is).
 */
async function catchUpOne(
  session: ImportSession,
  io: BackfillIO,
  connection: GitHubConnection,
  installationId: number,
  since: number | undefined,
): Promise<boolean> {
  const { store, reporter } = session;
  const gaps = await store.listRecordGaps(installationId);
  const from =
    since ??
    (gaps.length > 0
      ? Math.min(...gaps.map((gap) => gap.startsAt)) - CATCH_UP_MARGIN_MS
      : undefined);
  if (from === undefined) {
    io.stdout.write(`installation ${installationId}: no gap in its record\n`);
    return true;
  }
  const outcome = await catchUpInstallation({
    store,
    github: await installationGitHub(connection, installationId),
    budget: session.budget,
    installationId,
    since: from,
    clock: io.clock,
    // Unique across machines: a catch-up elsewhere with the same pid must not share its leases.
    owner: `catch-up:${hostname()}:${process.pid}`,
    shouldStop: session.stopped,
    onProgress: (progress) => reporter.progress(progress),
  });
  reporter.finish();
  for (const summary of outcome.summaries) io.stdout.write(`${summaryLine(summary)}\n`);
  io.stdout.write(`${caughtUpLine(installationId, from, outcome)}\n`);
  return outcome.complete;
}

/**
 * `expectations catch-up`: brings each installation's record up to date with GitHub over its
 * open gaps (or from `--since`), through the GraphQL backfill, and closes the gaps it covers.
 * Returns the exit code: 0 caught up, 1 not finished (run it again), 2 wrong usage.
 */
export async function catchUp(
  options: CatchUpCommandOptions,
  io: BackfillIO = processIO(),
): Promise<number> {
  const since = sinceOption(options.since, "catch-up", io, io.clock());
  const only = parseCount(options.installation, "--installation");
  const maxWaitMinutes = maxWaitOption(options.maxWait);
  const connection = importConnection(io, options.verbose);
  if (connection.mode === "token" && only === undefined)
    throw new UsageError(
      "with GITHUB_TOKEN, give --installation: the installation whose repositories are caught up (or use the app's APP_ID and PRIVATE_KEY)",
    );
  return importSession(io, { db: options.db, maxWaitMinutes }, async (session) => {
    const installations = await installationsToCatchUp(session.store, only);
    if (installations.length === 0)
      io.stdout.write("the store knows no installation: nothing to catch up\n");
    let finished = true;
    for (const installationId of installations) {
      if (session.stopped()) {
        finished = false;
        break;
      }
      if (!(await catchUpOne(session, io, connection, installationId, since))) finished = false;
    }
    return finished ? 0 : 1;
  });
}
