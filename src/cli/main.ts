#!/usr/bin/env node
import { Command } from "commander";
import { loadSettings } from "../settings/index.js";
import { packageVersion } from "./package-version.js";
import { reportFailure } from "./report-failure.js";
import { serveSettings } from "./serve-settings.js";

// Each command's module is imported when that command runs: `--help`, `--version` and a bad
// setting answer at once, without loading Probot, the store and the reports.

// `expectations --help | head` closes the pipe early: nothing more to say, and no stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const program = new Command()
  .name("expectations")
  .description("Measure a team's project-management expectations from GitHub activity.")
  .version(packageVersion(), "-V, --version", "print the version")
  .option("--verbose", "on an error, print its stack trace; log GitHub requests")
  .exitOverride()
  .showHelpAfterError()
  .addHelpText(
    "after",
    `
Settings come from the environment and from .env in the working directory (the environment
wins); .env.example lists them. A setting the command cannot work with stops it with exit code 2.
Exit codes: 0 ok, 1 failure (one line on stderr says what), 2 wrong usage or a bad setting.
GitHub credentials (backfill, report --post): GITHUB_TOKEN, or the app's APP_ID and PRIVATE_KEY
(or PRIVATE_KEY_PATH); GHE_HOST (and GHE_PROTOCOL) for GitHub Enterprise Server.

Examples (after \`npm run demo\`, which leaves its store in data/demo.db):
  expectations report --repo panjf2000/ants --db data/demo.db --since 2019-07-01 --until 2019-10-01 --format csv
  expectations check --repo chdsbd/test_repo --milestone "test milestone" --now 2019-10-02T12:00:00Z --db data/demo.db
  expectations store copy --from data/demo.db --to data/demo-copy.db
  expectations serve`,
  )
  // Every command runs with the same settings: .env in the working directory under the environment.
  .hook("preAction", () => {
    Object.assign(process.env, loadSettings(process.env, process.cwd()).fromFile);
  });

program
  .command("serve")
  .description(
    "run the GitHub App server (Probot); without APP_ID it starts Probot's setup flow, which registers the app",
  )
  .addHelpText(
    "after",
    `
Reads APP_ID, PRIVATE_KEY (or PRIVATE_KEY_PATH) and WEBHOOK_SECRET, the store's DATABASE_PATH or
DATABASE_URL, HOST and PORT (see .env.example). Deliveries go to /api/github/webhooks; health at
/expectations/health, liveness at /expectations/live. SIGTERM or Ctrl-C stops it within 10 s.

Example (the app's settings in .env):
  expectations serve`,
  )
  .action(async () => {
    // Checked before anything is loaded: a bad key or number stops the start at once.
    const settings = serveSettings(process.env, process.cwd());
    const { serve } = await import("./serve.js");
    await serve(settings);
  });

program
  .command("replay")
  .description("feed recorded webhook deliveries (JSON lines) through the app, offline")
  .argument("<files...>", 'JSON-lines files of {"name", "id", "payload", "at"?}')
  .option(
    "--db <db>",
    "SQLite file or postgres:// URL (default: $DATABASE_URL, else $DATABASE_PATH or ./data/expectations.db)",
  )
  .option(
    "--now <iso>",
    "replay what GitHub had sent by this ISO 8601 time and evaluate as of it; without offset, in --config's timezone (default: everything, evaluated as of the last delivery)",
  )
  .option(
    "--dry-run",
    "write the GitHub requests the app would make as JSON lines instead of sending them",
  )
  .option("--out <path>", "where --dry-run writes requests (default: stdout)")
  .option("--fresh", "start from an empty database file")
  .option(
    "--config <path>",
    "a local .github/expectations.yml used for every repository (default: the defaults)",
  )
  .addHelpText(
    "after",
    "\nExample:\n  expectations replay fixtures/demo/deliveries.jsonl --db data/replay.db --fresh --now 2019-10-01T12:00:00Z --dry-run",
  )
  .action(async (files: string[], options) => {
    const { replay } = await import("./replay.js");
    process.exitCode = await replay(files, options);
  });

program
  .command("report")
  .description(
    "the review-activity report of a repository or team for a period, from the store; --post publishes it as the summary issue",
  )
  .option("--repo <owner/name>", "repository")
  .option("--team <name>", "a team under reports.teams in --config (its repositories together)")
  .option(
    "--config <path>",
    "a local .github/expectations.yml (time zone, SLAs, team, reports; default: the defaults)",
  )
  .option(
    "--since <iso>",
    "start of the period, an ISO 8601 date or date-time; without offset it is in the team's time zone (--config, default UTC), a date alone its midnight (default: reports.period_days before --until)",
  )
  .option("--until <iso>", "end of the period, read like --since (default: now)")
  .option("--now <iso>", "judge open work as of this time, read like --since (default: now)")
  .option("--format <format>", "markdown, json or csv", "markdown")
  .option(
    "--trends <periods>",
    "how many periods the trends cover, this one and those just before it, each as long (0: no trends; default: 12)",
  )
  .option(
    "--db <path>",
    "SQLite file written by replay or backfill, or a postgres:// URL (default: $DATABASE_URL, else $DATABASE_PATH or ./data/expectations.db)",
  )
  .option(
    "--post",
    "publish the summary issue in reports.repository (default: the repository) with GITHUB_TOKEN or the app's credentials",
  )
  .option(
    "--dry-run",
    "with --post: print the GitHub requests as JSON lines instead of sending them",
  )
  .addHelpText(
    "after",
    `
Examples:
  expectations report --repo panjf2000/ants --db data/demo.db --since 2019-07-01 --until 2019-10-01 --format json
  expectations report --team ants --config fixtures/demo/expectations.yml --db data/demo.db --since 2019-07-01 --until 2019-10-01 --post --dry-run`,
  )
  .action(async (options) => {
    const { report } = await import("./report.js");
    process.exitCode = await report(options);
  });

program
  .command("check")
  .description("print each open pull request's release readiness verdict, from the store")
  .requiredOption("--repo <owner/name>", "repository")
  .option(
    "--milestone <title>",
    "only this milestone (default: every open milestone with a due date)",
  )
  .option(
    "--now <iso>",
    "evaluate as of this ISO 8601 time; without offset, in --config's timezone (default: now)",
  )
  .option(
    "--db <path>",
    "SQLite file written by replay or backfill, or a postgres:// URL (default: $DATABASE_URL, else $DATABASE_PATH or ./data/expectations.db)",
  )
  .option(
    "--config <path>",
    "a local .github/expectations.yml (time zone, workdays, holidays, warning window)",
  )
  .addHelpText(
    "after",
    '\nExample:\n  expectations check --repo chdsbd/test_repo --milestone "test milestone" --now 2019-10-02T12:00:00Z --db data/demo.db',
  )
  .action(async (options) => {
    const { check } = await import("./check.js");
    process.exitCode = await check(options);
  });

program
  .command("backfill")
  .description(
    "import history (pull requests, reviews, review requests, milestones, issues) through GitHub's GraphQL API",
  )
  .option("--repo <owner/name>", "one repository")
  .option("--org <owner>", "every repository of an organisation or user that the credentials see")
  .option(
    "--since <iso>",
    "how far back, an ISO 8601 date or date-time, UTC without offset (default: 90 days ago); open items are taken however old",
  )
  .option(
    "--db <db>",
    "SQLite file or postgres:// URL (default: $DATABASE_URL, else $DATABASE_PATH or ./data/expectations.db)",
  )
  .option(
    "--installation <id>",
    "store the rows under this app installation id (default: the app's installation, or 0 with a token)",
  )
  .option(
    "--max-wait <minutes>",
    "longest pause for GitHub's rate limit to reset before stopping (default: 65)",
  )
  .addHelpText(
    "after",
    `
Uses GITHUB_TOKEN, or the app's APP_ID and PRIVATE_KEY; GHE_HOST for GitHub Enterprise Server.
Each page is saved as it arrives: after Ctrl-C, a crash or a rate-limit stop, the same command
resumes from the last saved page; once done, running it again fetches only what changed.

Examples:
  GITHUB_TOKEN=ghp_... expectations backfill --repo acme/widgets --since 2026-01-01
  APP_ID=123 PRIVATE_KEY_PATH=app.pem expectations backfill --org acme --db data/acme.db`,
  )
  .action(async (options) => {
    const { backfill } = await import("./backfill.js");
    process.exitCode = await backfill({ ...options, verbose: program.opts().verbose === true });
  });

program
  .command("catch-up")
  .description(
    "bring the record up to date with GitHub over its open gaps (what the app missed while it was down), through the GraphQL backfill",
  )
  .option(
    "--since <iso>",
    "catch up from this ISO 8601 date or date-time, UTC without offset (default: each installation's oldest open gap)",
  )
  .option("--installation <id>", "only this installation (default: every one the store knows)")
  .option(
    "--db <db>",
    "SQLite file or postgres:// URL (default: $DATABASE_URL, else $DATABASE_PATH or ./data/expectations.db)",
  )
  .option(
    "--max-wait <minutes>",
    "longest pause for GitHub's rate limit to reset before stopping (default: 65)",
  )
  .addHelpText(
    "after",
    `
The server does this by itself when redelivery cannot close a gap (down longer than GitHub keeps
deliveries, a redelivery refused, the list cut short); this runs it now, in the foreground.
Uses the app's APP_ID and PRIVATE_KEY (or GITHUB_TOKEN with --installation); GHE_HOST for GitHub
Enterprise Server. Resumable like backfill. Exit codes: 0 caught up, 1 not finished, 2 wrong usage.

Examples:
  APP_ID=123 PRIVATE_KEY_PATH=app.pem expectations catch-up --db data/expectations.db
  APP_ID=123 PRIVATE_KEY_PATH=app.pem expectations catch-up --since 2026-11-20 --installation 42`,
  )
  .action(async (options) => {
    const { catchUp } = await import("./catch-up.js");
    process.exitCode = await catchUp({ ...options, verbose: program.opts().verbose === true });
  });

const store = program
  .command("store")
  .description("move the store between databases")
  .addHelpText(
    "after",
    "\nExample (after `npm run demo`):\n  expectations store copy --from data/demo.db --to data/demo-copy.db",
  );

store
  .command("copy")
  .description(
    "copy everything (activity, delivery log, publications, jobs, cursors, queue, sessions) into an empty store, then verify both read the same",
  )
  .requiredOption("--from <db>", "the store to copy: an SQLite file or a postgres:// URL")
  .requiredOption("--to <db>", "an empty store to copy into: an SQLite file or a postgres:// URL")
  .addHelpText(
    "after",
    `
To move to PostgreSQL (or back), give its URL: --to postgres://app@db.internal/expectations.

Example (after \`npm run demo\`):
  expectations store copy --from data/demo.db --to data/demo-copy.db`,
  )
  .action(async (options) => {
    const { storeCopy } = await import("./store-copy.js");
    process.exitCode = await storeCopy(options);
  });

try {
  await program.parseAsync();
} catch (error) {
  process.exitCode = await reportFailure(error, process.stderr, program.opts().verbose === true);
}
