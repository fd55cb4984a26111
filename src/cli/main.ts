#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { replay } from "./replay.js";
import { report } from "./report.js";
import { serve } from "./serve.js";
import { UsageError } from "./usage-error.js";

const program = new Command()
  .name("expectations")
  .description("Measure a team's project-management expectations from GitHub activity.")
  .exitOverride()
  .showHelpAfterError();

program
  .command("serve")
  .description("run the GitHub App server (Probot); without APP_ID it starts Probot's setup flow")
  .action(serve);

program
  .command("replay")
  .description("feed recorded webhook deliveries (JSON lines) through the app, offline")
  .argument("<files...>", 'JSON-lines files of {"name", "id", "payload", "at"?}')
  .option("--db <path>", "SQLite file (default: $DATABASE_PATH or ./data/expectations.db)")
  .option("--now <iso>", "evaluate as of this time (default: now)")
  .option(
    "--dry-run",
    "write the GitHub requests the app would make as JSON lines instead of sending them",
  )
  .option("--out <path>", "where --dry-run writes requests (default: stdout)")
  .option("--fresh", "start from an empty database file")
  .addHelpText(
    "after",
    "\nExample:\n  expectations replay fixtures/demo/deliveries.jsonl --db /tmp/demo.db --now 2019-10-01T12:00:00Z --dry-run",
  )
  .action(async (files: string[], options) => {
    process.exitCode = await replay(files, options);
  });

program
  .command("report")
  .description("print review activity for a repository and period from the store")
  .requiredOption("--repo <owner/name>", "repository")
  .option("--since <iso>", "start of the period (default: 30 days before --until)")
  .option("--until <iso>", "end of the period (default: now)")
  .option("--format <format>", "json or markdown", "markdown")
  .option("--db <path>", "SQLite file (default: $DATABASE_PATH or ./data/expectations.db)")
  .addHelpText(
    "after",
    "\nExample:\n  expectations report --repo panjf2000/ants --since 2019-07-01 --until 2019-10-01 --format json",
  )
  .action(async (options) => {
    process.exitCode = await report(options);
  });

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof UsageError) {
    process.stderr.write(`expectations: ${error.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`expectations: ${(error as Error).message}\n`);
    if (process.env.DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    process.exitCode = 1;
  }
}
